package dev.smspipeline.dispatch.intake;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.smspipeline.platform.kafka.TopicDeclarations;
import dev.smspipeline.schemas.Topics;

/**
 * Creates the topics dispatch writes (statuses, and the dead-letter topics of what it
 * consumes) when they do not exist yet. It declares the topics it consumes too, in the
 * shape their writers declare them: whichever service starts first, no topic is left to
 * the broker's auto-creation defaults (the compacted {@code sms.opt-outs} above all).
 */
@Configuration(proxyBeanMethods = false)
class DispatchTopics {

	@Bean
	KafkaAdmin.NewTopics dispatchServiceTopics(TopicDeclarations topics) {
		return new KafkaAdmin.NewTopics(topics.topic(Topics.MESSAGE_REQUESTED),
				topics.deadLetter(Topics.MESSAGE_REQUESTED), topics.topic(Topics.DELIVERY_STATUS),
				topics.topic(Topics.CAMPAIGN_EVENTS), topics.deadLetter(Topics.CAMPAIGN_EVENTS),
				topics.compacted(Topics.OPT_OUTS), topics.deadLetter(Topics.OPT_OUTS));
	}

}
