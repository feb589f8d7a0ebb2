package dev.smspipeline.campaign.support;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerializer;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;

/**
 * Publishes on {@code sms.campaign-events} what status-service would.
 */
public final class CampaignEventsProducer {

	private CampaignEventsProducer() {
	}

	/** status-service's completion of a campaign. */
	public static void completed(String account, String campaignId, Map<String, Long> counts) {
		send(campaignId,
				CampaignEvent.newBuilder()
					.setEventId(campaignId + ":COMPLETED")
					.setCampaignId(campaignId)
					.setAccountId(account)
					.setType(CampaignEventType.COMPLETED)
					.setStatus(CampaignStatus.DONE)
					.setPreviousStatus(CampaignStatus.SENT)
					.setReason("ALL_TERMINAL")
					.setCounts(counts)
					.setOccurredAt(Instant.now())
					.build());
	}

	/** Any value, as raw bytes (for dead letters). */
	public static void send(String key, Object value) {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, (value instanceof byte[])
				? org.apache.kafka.common.serialization.ByteArraySerializer.class : AvroSerializer.class);
		properties.put("schema.registry.url", infrastructure.schemaRegistryUrl());
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(properties)) {
			producer.send(new ProducerRecord<>(Topics.CAMPAIGN_EVENTS, key, value));
			producer.flush();
		}
	}

}
