package dev.smspipeline.dispatch.intake;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.smspipeline.platform.kafka.TopicDeclarations;
import dev.smspipeline.schemas.Topics;

/**
 * Creates the topics dispatch writes (statuses, and the dead-letter topic of what it
 * consumes) when they do not exist yet. It declares the topic it consumes too: whichever
 * service starts first, {@code sms.message-requested} gets the shared partition count
 * rather than the broker's auto-creation default, and its DLT stays partitioned alike.
 */
@Configuration(proxyBeanMethods = false)
class DispatchTopics {

	@Bean
	KafkaAdmin.NewTopics dispatchServiceTopics(TopicDeclarations topics) {
		return new KafkaAdmin.NewTopics(topics.topic(Topics.MESSAGE_REQUESTED),
				topics.deadLetter(Topics.MESSAGE_REQUESTED), topics.topic(Topics.DELIVERY_STATUS));
	}

}
