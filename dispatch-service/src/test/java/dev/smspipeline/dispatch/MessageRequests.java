package dev.smspipeline.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerializer;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;
import dev.smspipeline.testsupport.junit.ClassResource;

/**
 * Writes requests to {@code sms.message-requested} on the shared broker as
 * campaign-service would: keyed by recipient, Avro through the shared registry. Also
 * writes raw bytes, for records no deserializer can read.
 */
public final class MessageRequests implements ClassResource {

	private final KafkaProducer<String, MessageRequested> avro;

	private final KafkaProducer<String, byte[]> raw;

	private MessageRequests(KafkaProducer<String, MessageRequested> avro, KafkaProducer<String, byte[]> raw) {
		this.avro = avro;
		this.raw = raw;
	}

	public static MessageRequests open() {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put("schema.registry.url", infrastructure.schemaRegistryUrl());
		Properties avro = new Properties();
		avro.putAll(properties);
		avro.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class);
		Properties raw = new Properties();
		raw.putAll(properties);
		raw.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return new MessageRequests(new KafkaProducer<>(avro), new KafkaProducer<>(raw));
	}

	/**
	 * A request to {@code recipient} with a fresh message id, valid for four hours.
	 * @param recipient the recipient, E.164
	 * @return the request
	 */
	public static MessageRequested to(String recipient) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return MessageRequested.newBuilder()
			.setMessageId(UUID.randomUUID().toString())
			.setAccountId(TestAccount.ACME.id())
			.setCampaignId(null)
			.setRecipient(recipient)
			.setSender("+15005550006")
			.setBody("Your table is ready")
			.setRequestedAt(now)
			.setExpiresAt(now.plus(Duration.ofHours(4)))
			.setSource(RequestSource.REST_API)
			.setAttributes(Map.of())
			.build();
	}

	/** Sends a request keyed by its recipient and waits until the broker has it. */
	public RecordMetadata send(MessageRequested request) {
		return await(this.avro.send(new ProducerRecord<>(Topics.MESSAGE_REQUESTED, request.getRecipient(), request)));
	}

	/**
	 * Sends a request with a W3C {@code traceparent} header, as an observed producer
	 * would, and waits until the broker has it.
	 */
	public RecordMetadata send(MessageRequested request, String traceparent) {
		ProducerRecord<String, MessageRequested> record = new ProducerRecord<>(Topics.MESSAGE_REQUESTED,
				request.getRecipient(), request);
		record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
		return await(this.avro.send(record));
	}

	/**
	 * Sends requests all at once, as a burst of CRM triggers would: without waiting for
	 * one before the next, then waits until the broker has them all. Each request's
	 * {@code requestedAt} becomes the instant of the burst.
	 * @param burst the requests, in order
	 */
	public void sendAll(List<MessageRequested> burst) {
		List<Future<RecordMetadata>> sent = new ArrayList<>(burst.size());
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (MessageRequested request : burst) {
			// requested as they are sent: latencies are measured from here
			request.setRequestedAt(now);
			sent.add(this.avro.send(new ProducerRecord<>(Topics.MESSAGE_REQUESTED, request.getRecipient(), request)));
		}
		this.avro.flush();
		sent.forEach(MessageRequests::await);
	}

	/**
	 * A request of {@code campaignId} to {@code recipient}.
	 * @param recipient the recipient
	 * @param campaignId the campaign
	 * @return the request
	 */
	public static MessageRequested ofCampaign(String recipient, String campaignId) {
		MessageRequested request = to(recipient);
		request.setCampaignId(campaignId);
		return request;
	}

	/**
	 * The partition the default partitioner puts {@code recipient} on.
	 * @param recipient the key
	 * @param partitions the topic's partitions
	 * @return the partition
	 */
	public static int partitionOf(String recipient, int partitions) {
		return Utils.toPositive(Utils.murmur2(recipient.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	/** Sends a value no Avro deserializer can read. */
	public RecordMetadata sendRaw(String key, byte[] value) {
		return await(this.raw.send(new ProducerRecord<>(Topics.MESSAGE_REQUESTED, key, value)));
	}

	private static RecordMetadata await(Future<RecordMetadata> sent) {
		try {
			return sent.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot send to " + Topics.MESSAGE_REQUESTED, ex);
		}
	}

	@Override
	public void close() {
		this.avro.close(Duration.ofSeconds(5));
		this.raw.close(Duration.ofSeconds(5));
	}

}
