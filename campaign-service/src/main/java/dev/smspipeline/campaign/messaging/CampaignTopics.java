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
 * Creates the topics this service uses when they do not exist yet: the three it
 * publishes; {@code crm.sms-requests}, which it reads (CRM producers write it);
 * {@code sms.opt-outs}, compacted (the latest change per account and number is the
 * suppression list), which it reads and writes (API changes); the dead-letter topic of
 * each topic it reads; and the outbox relay's internal marker topic (one partition,
 * compacted: only its last record matters). Other services declaring the same topics must
 * declare them alike.
 */
@Configuration(proxyBeanMethods = false)
class CampaignTopics {

	@Bean
	KafkaAdmin.NewTopics campaignServiceTopics(TopicDeclarations topics, OutboxSettings outbox) {
		return new KafkaAdmin.NewTopics(topics.topic(Topics.MESSAGE_REQUESTED), topics.topic(Topics.DELIVERY_STATUS),
				topics.topic(Topics.CAMPAIGN_EVENTS), topics.deadLetter(Topics.CAMPAIGN_EVENTS),
				topics.topic(Topics.CRM_SMS_REQUESTS), topics.deadLetter(Topics.CRM_SMS_REQUESTS),
				topics.compacted(Topics.OPT_OUTS), topics.deadLetter(Topics.OPT_OUTS),
				TopicBuilder.name(outbox.markerTopic())
					.partitions(1)
					.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
					.build());
	}

}
