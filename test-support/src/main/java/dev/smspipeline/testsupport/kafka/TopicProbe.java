package dev.smspipeline.testsupport.kafka;

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
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import dev.smspipeline.schemas.serde.AvroDeserializer;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;
import dev.smspipeline.testsupport.junit.ClassResource;

/**
 * Reads a whole topic, with the project's Avro deserializer (or as bytes, for dead
 * letters) and committed records only, and waits for the records a test expects. Tests
 * pick their records out by their own ids, so a probe never needs the topic to itself,
 * and it reads past the poison other tests put there: a record it cannot deserialize is
 * skipped, and one of another type matches nothing. Registered with
 * {@code @RegisterExtension} on a static field, it is closed after the class's last test.
 *
 * @param <T> the value type
 */
public final class TopicProbe<T> implements ClassResource {

	private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

	private final String topic;

	private final KafkaConsumer<String, T> consumer;

	private final List<ConsumerRecord<String, T>> seen = new ArrayList<>();

	private TopicProbe(String topic, KafkaConsumer<String, T> consumer) {
		this.topic = topic;
		this.consumer = consumer;
	}

	/** A probe on {@code topic} of the shared test broker, reading from its beginning. */
	public static <T> TopicProbe<T> of(String topic) {
		Properties properties = properties();
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
		properties.put("schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl());
		properties.put("specific.avro.reader", true);
		return new TopicProbe<>(topic, new KafkaConsumer<>(properties));
	}

	/**
	 * A probe that reads the values of {@code topic} as they are, undeserialized: for
	 * dead-letter topics, whose records keep the bytes that could not be read.
	 * @param topic the topic, e.g. {@code Topics.deadLetter(Topics.OPT_OUTS)}
	 * @return the probe
	 */
	public static TopicProbe<byte[]> ofBytes(String topic) {
		Properties properties = properties();
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		return new TopicProbe<>(topic, new KafkaConsumer<>(properties));
	}

	private static Properties properties() {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		return properties;
	}

	/** Waits until a record matching {@code match} is read, and returns it. */
	public ConsumerRecord<String, T> awaitRecord(Predicate<ConsumerRecord<String, T>> match) {
		return Awaitility.await("a matching record on " + this.topic)
			.atMost(DEFAULT_WAIT)
			.pollInterval(Duration.ZERO)
			.until(() -> {
				poll();
				return this.seen.stream().filter((record) -> matches(match, record)).findFirst();
			}, java.util.Optional::isPresent)
			.get();
	}

	/** Waits until a value matching {@code match} is read, and returns it. */
	public T await(Predicate<T> match) {
		return awaitRecord((record) -> record.value() != null && match.test(record.value())).value();
	}

	/** Every record read so far whose value matches. */
	public List<T> values(Predicate<T> match) {
		poll();
		return this.seen.stream()
			.map(ConsumerRecord::value)
			.filter((value) -> value != null && matches(match, value))
			.toList();
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
		try {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
		}
		catch (RecordDeserializationException ex) {
			this.consumer.seek(ex.topicPartition(), ex.offset() + 1);
		}
	}

	/** Whether {@code candidate} matches; a value of another type than T does not. */
	private static <V> boolean matches(Predicate<V> match, V candidate) {
		try {
			return match.test(candidate);
		}
		catch (ClassCastException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(1));
	}

}
