package dev.smspipeline.campaign.messaging;

import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import dev.smspipeline.campaign.outbox.OutboxSettings;
import dev.smspipeline.platform.kafka.TopicDeclarations;
import dev.smspipeline.schemas.Topics;

/**
 * Creates the topics this service writes when they do not exist yet: the three it
 * publishes, the dead-letter topic of the one it reads, and the outbox relay's internal
 * marker topic (one partition, compacted: only its last record matters).
 */
@Configuration(proxyBeanMethods = false)
class CampaignTopics {

	@Bean
	KafkaAdmin.NewTopics campaignServiceTopics(TopicDeclarations topics, OutboxSettings outbox) {
		return new KafkaAdmin.NewTopics(topics.topic(Topics.MESSAGE_REQUESTED), topics.topic(Topics.DELIVERY_STATUS),
				topics.topic(Topics.CAMPAIGN_EVENTS), topics.deadLetter(Topics.CAMPAIGN_EVENTS),
				TopicBuilder.name(outbox.markerTopic())
					.partitions(1)
					.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
					.build());
	}

}
