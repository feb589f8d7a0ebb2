package dev.smspipeline.status.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.smspipeline.platform.kafka.TopicDeclarations;
import dev.smspipeline.schemas.Topics;

/**
 * Creates {@code sms.delivery-status} (written by the callback intake, consumed by the
 * store) and its dead-letter topic when they do not exist yet.
 */
@Configuration(proxyBeanMethods = false)
class StatusTopics {

	@Bean
	KafkaAdmin.NewTopics statusServiceTopics(TopicDeclarations topics) {
		return new KafkaAdmin.NewTopics(topics.topic(Topics.DELIVERY_STATUS),
				topics.deadLetter(Topics.DELIVERY_STATUS));
	}

}
