package dev.smspipeline.campaign.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.smspipeline.platform.kafka.TopicDeclarations;
import dev.smspipeline.schemas.Topics;

/**
 * Creates the topics this service writes when they do not exist yet.
 */
@Configuration(proxyBeanMethods = false)
class CampaignTopics {

	@Bean
	KafkaAdmin.NewTopics campaignServiceTopics(TopicDeclarations topics) {
		return new KafkaAdmin.NewTopics(topics.topic(Topics.MESSAGE_REQUESTED), topics.topic(Topics.DELIVERY_STATUS),
				topics.topic(Topics.CAMPAIGN_EVENTS));
	}

}
