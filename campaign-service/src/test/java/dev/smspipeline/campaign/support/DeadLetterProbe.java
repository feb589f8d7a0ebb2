package dev.smspipeline.campaign.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;

/**
 * Reads a dead-letter topic as it is: key and value bytes and headers.
 */
public final class DeadLetterProbe implements AutoCloseable {

	private final String topic;

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

	private DeadLetterProbe(String topic) {
		this.topic = topic;
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-probe-" + UUID.randomUUID());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumer = new KafkaConsumer<>(properties);
	}

	public static DeadLetterProbe of(String topic) {
		return new DeadLetterProbe(topic);
	}

	/** A header's value as text, or {@code null}. */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** Waits for a dead letter matching {@code match}. */
	public ConsumerRecord<byte[], byte[]> await(Predicate<ConsumerRecord<byte[], byte[]>> match) {
		return Awaitility.await("a dead letter on " + this.topic)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ZERO)
			.until(() -> {
				poll();
				return this.seen.stream().filter(match).findFirst();
			}, java.util.Optional::isPresent)
			.get();
	}

	/** Every dead letter read so far that matches. */
	public List<ConsumerRecord<byte[], byte[]>> records(Predicate<ConsumerRecord<byte[], byte[]>> match) {
		poll();
		return this.seen.stream().filter(match).toList();
	}

	private void poll() {
		if (this.consumer.assignment().isEmpty()) {
			List<PartitionInfo> partitions = this.consumer.partitionsFor(this.topic, Duration.ofSeconds(5));
			if (partitions == null || partitions.isEmpty()) {
				return;
			}
			List<TopicPartition> assignment = partitions.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			this.consumer.assign(assignment);
			this.consumer.seekToBeginning(assignment);
		}
		this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(1));
	}

}
