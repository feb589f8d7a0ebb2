package dev.smspipeline.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerializer;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;
import dev.smspipeline.testsupport.junit.ClassResource;

/**
 * Writes the events other services publish and dispatch consumes: campaign cancellations,
 * lead deletions, opt-outs.
 */
public final class Events implements ClassResource {

	private final KafkaProducer<String, SpecificRecord> producer;

	private Events(KafkaProducer<String, SpecificRecord> producer) {
		this.producer = producer;
	}

	public static Events open() {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class);
		properties.put("schema.registry.url", infrastructure.schemaRegistryUrl());
		return new Events(new KafkaProducer<>(properties));
	}

	/** campaign-service's event for a campaign cancelled while sending. */
	public void campaignCanceled(String campaignId) {
		send(Topics.CAMPAIGN_EVENTS, campaignId,
				campaignEvent(campaignId, CampaignEventType.STATUS_CHANGED, CampaignStatus.CANCELED, null).build());
	}

	/** campaign-service's event for a lead deleted from a running campaign. */
	public void recipientDeleted(String campaignId, String recipient) {
		send(Topics.CAMPAIGN_EVENTS, campaignId,
				campaignEvent(campaignId, CampaignEventType.RECIPIENT_DELETED, CampaignStatus.SENDING, recipient)
					.setReason("LEAD_DELETED")
					.build());
	}

	/** A STOP (OPT_OUT) or START (OPT_IN) of {@code recipient} for the test account. */
	public void optOut(String recipient, OptOutAction action) {
		OptOutChange change = OptOutChange.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setAccountId(TestAccount.ACME.id())
			.setRecipient(recipient)
			.setAction(action)
			.setSource(OptOutSource.INBOUND_KEYWORD)
			.setKeyword((action == OptOutAction.OPT_OUT) ? "STOP" : "START")
			.setSender(null)
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.build();
		send(Topics.OPT_OUTS, TestAccount.ACME.id() + ":" + recipient, change);
	}

	private static CampaignEvent.Builder campaignEvent(String campaignId, CampaignEventType type, CampaignStatus status,
			String recipient) {
		return CampaignEvent.newBuilder()
			.setEventId(campaignId + ":" + type + ":" + UUID.randomUUID())
			.setCampaignId(campaignId)
			.setAccountId(TestAccount.ACME.id())
			.setType(type)
			.setStatus(status)
			.setPreviousStatus(null)
			.setReason(null)
			.setRecipient(recipient)
			.setCounts(Map.of())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	private void send(String topic, String key, SpecificRecord value) {
		try {
			this.producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot send to " + topic, ex);
		}
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
