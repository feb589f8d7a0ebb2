package dev.smspipeline.campaign.support;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.smspipeline.events.CrmSmsRequest;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerializer;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;

/**
 * Produces what other parties would: CRM requests on {@code crm.sms-requests},
 * status-service's opt-out changes on {@code sms.opt-outs}, and poison.
 */
public final class Records {

	private static KafkaProducer<String, Object> avro;

	private static KafkaProducer<String, byte[]> bytes;

	private Records() {
	}

	/** A valid CRM request of {@code account} with a new event id. */
	public static CrmSmsRequest.Builder crmRequest(String account, String recipient, String body) {
		return CrmSmsRequest.newBuilder()
			.setEventId("evt-" + UUID.randomUUID())
			.setAccountId(account)
			.setRecipient(recipient)
			.setBody(body);
	}

	/** A STOP (OPT_OUT) or START (OPT_IN) reply as status-service publishes it. */
	public static OptOutChange reply(String account, String recipient, OptOutAction action, Instant at) {
		return OptOutChange.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setAccountId(account)
			.setRecipient(recipient)
			.setAction(action)
			.setSource(OptOutSource.INBOUND_KEYWORD)
			.setKeyword((action == OptOutAction.OPT_OUT) ? "STOP" : "START")
			.setSender("+15005550006")
			.setOccurredAt(at)
			.build();
	}

	/** Publishes an opt-out change under its compaction key. */
	public static RecordMetadata optOutChange(OptOutChange change) {
		return send(Topics.OPT_OUTS, change.getAccountId() + ":" + change.getRecipient(), change);
	}

	/** Publishes a record value as Avro in the Confluent wire format, or a tombstone. */
	public static synchronized RecordMetadata send(String topic, String key, Object value) {
		if (avro == null) {
			avro = new KafkaProducer<>(properties(AvroSerializer.class));
		}
		return await(avro.send(new ProducerRecord<>(topic, key, value)));
	}

	/** Publishes raw bytes, e.g. a value no deserializer can read. */
	public static synchronized RecordMetadata sendBytes(String topic, String key, byte[] value) {
		if (bytes == null) {
			bytes = new KafkaProducer<>(properties(ByteArraySerializer.class));
		}
		return await(bytes.send(new ProducerRecord<>(topic, key, value)));
	}

	private static Properties properties(Class<?> valueSerializer) {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer);
		properties.put("schema.registry.url", infrastructure.schemaRegistryUrl());
		return properties;
	}

	private static RecordMetadata await(java.util.concurrent.Future<RecordMetadata> sent) {
		try {
			return sent.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
