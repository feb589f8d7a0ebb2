package dev.smspipeline.status.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.smspipeline.platform.kafka.TopicDeclarations;
import dev.smspipeline.schemas.Topics;

/**
 * Creates the topics status-service writes or consumes when they do not exist yet:
 * {@code sms.delivery-status} (written by the callback intake and the ageing job,
 * consumed by the store) and {@code sms.campaign-events} (completion events written here,
 * release announcements consumed here), each with its dead-letter topic, and the
 * compacted {@code sms.opt-outs} (STOP / START replies written by the inbound webhook;
 * campaign-service and dispatch-service consume it). Whichever service starts first
 * creates a shared topic; the declarations agree.
 */
@Configuration(proxyBeanMethods = false)
class StatusTopics {

	@Bean
	KafkaAdmin.NewTopics statusServiceTopics(TopicDeclarations topics) {
		return new KafkaAdmin.NewTopics(topics.topic(Topics.DELIVERY_STATUS), topics.deadLetter(Topics.DELIVERY_STATUS),
				topics.topic(Topics.CAMPAIGN_EVENTS), topics.deadLetter(Topics.CAMPAIGN_EVENTS),
				topics.compacted(Topics.OPT_OUTS));
	}

}
