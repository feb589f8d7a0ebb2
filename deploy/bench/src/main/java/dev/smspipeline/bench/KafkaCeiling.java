package dev.smspipeline.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroDeserializer;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;
import dev.smspipeline.schemas.serde.AvroSerializer;

/**
 * The broker's ceiling for this pipeline's records: {@code MessageRequested} records,
 * serialized by the project's Avro serde under the {@code sms.message-requested} subject,
 * produced as the services produce (acks=all, idempotent, linger 5 ms, keyed by
 * recipient) to a scratch topic with the services' partition count, and consumed
 * (read_committed, deserialized) by one consumer in the same process. The figure is
 * records per second from the first send to the last record read.
 */
final class KafkaCeiling {

	static final String TOPIC = "bench.kafka-ceiling";

	private static final int PARTITIONS = 6;

	private KafkaCeiling() {
	}

	static Result run(BenchOptions options, int records) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka))) {
			recreate(admin);
			try {
				return measure(options, records);
			}
			finally {
				admin.deleteTopics(Set.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
			}
		}
	}

	private static void recreate(Admin admin) throws Exception {
		try {
			admin.deleteTopics(Set.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
			Thread.sleep(1000);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
				throw ex;
			}
		}
		for (int attempt = 0;; attempt++) {
			try {
				admin.createTopics(Set.of(new NewTopic(TOPIC, Optional.of(PARTITIONS), Optional.empty())))
					.all()
					.get(30, TimeUnit.SECONDS);
				return;
			}
			catch (ExecutionException ex) {
				if (attempt >= 10) {
					throw ex;
				}
				Thread.sleep(500);
			}
		}
	}

	private static Result measure(BenchOptions options, int records) throws Exception {
		AtomicLong consumed = new AtomicLong();
		AtomicLong lastConsumedNanos = new AtomicLong();
		AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
		Properties consumerProperties = new Properties();
		consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka);
		consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-kafka-ceiling");
		AvroDeserializer<MessageRequested> deserializer = new AvroDeserializer<>();
		deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, options.registryUrl), false);
		AvroSerializer<MessageRequested> avro = new AvroSerializer<>();
		avro.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, options.registryUrl), false);
		// the registry lookups (schema id, writer schema) happen here, not in the timing
		deserializer.deserialize(TOPIC, avro.serialize(Topics.MESSAGE_REQUESTED, record(options, 0)));
		KafkaConsumer<String, MessageRequested> consumer = new KafkaConsumer<>(consumerProperties,
				new StringDeserializer(), deserializer);
		List<TopicPartition> partitions = java.util.stream.IntStream.range(0, PARTITIONS)
			.mapToObj((partition) -> new TopicPartition(TOPIC, partition))
			.toList();
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		partitions.forEach(consumer::position);
		Thread reader = new Thread(() -> {
			try (consumer) {
				long idleSince = System.nanoTime();
				while (consumed.get() < records) {
					var polled = consumer.poll(Duration.ofMillis(100));
					if (polled.isEmpty()) {
						if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(60)) {
							throw new IllegalStateException("nothing to read for 60 s");
						}
						continue;
					}
					idleSince = System.nanoTime();
					int valid = 0;
					for (var record : polled) {
						if (record.value() != null && record.value().getMessageId() != null) {
							valid++;
						}
					}
					lastConsumedNanos.set(System.nanoTime());
					consumed.addAndGet(valid);
				}
			}
			catch (Throwable ex) {
				consumerFailure.set(ex);
			}
		}, "bench-kafka-ceiling-consumer");
		reader.start();

		Properties producerProperties = new Properties();
		producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka);
		producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
		producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
		producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
		producerProperties.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-kafka-ceiling");
		// The registered subject of the real topic, so no scratch subject is created.
		Serializer<MessageRequested> serializer = (topic, value) -> avro.serialize(Topics.MESSAGE_REQUESTED, value);
		AtomicLong lastAckNanos = new AtomicLong();
		AtomicReference<Exception> sendFailure = new AtomicReference<>();
		long start;
		try (KafkaProducer<String, MessageRequested> producer = new KafkaProducer<>(producerProperties,
				new StringSerializer(), serializer)) {
			producer.partitionsFor(TOPIC);
			start = System.nanoTime();
			for (int i = 0; i < records; i++) {
				MessageRequested value = record(options, i);
				producer.send(new ProducerRecord<>(TOPIC, value.getRecipient(), value), (metadata, failure) -> {
					if (failure != null) {
						sendFailure.compareAndSet(null, failure);
					}
					lastAckNanos.set(System.nanoTime());
				});
			}
			producer.flush();
		}
		reader.join(TimeUnit.MINUTES.toMillis(5));
		if (sendFailure.get() != null) {
			throw sendFailure.get();
		}
		if (consumerFailure.get() != null) {
			throw new IllegalStateException("ceiling consumer failed", consumerFailure.get());
		}
		double produceSeconds = (lastAckNanos.get() - start) / 1e9;
		double endToEndSeconds = (lastConsumedNanos.get() - start) / 1e9;
		return new Result(records, records / produceSeconds, consumed.get() / endToEndSeconds);
	}

	private static MessageRequested record(BenchOptions options, int i) {
		return MessageRequested.newBuilder()
			.setMessageId(UUID.randomUUID().toString())
			.setAccountId(options.account)
			.setRecipient(NumberPool.MEASURED.number(i))
			.setBody("Bench kafka ceiling text " + i)
			.setSegments(1)
			.setRequestedAt(Instant.now())
			.setSource(RequestSource.REST_API)
			.build();
	}

	/**
	 * @param records records produced
	 * @param producedPerSecond acknowledged sends per second
	 * @param perSecond records read per second, from the first send to the last read
	 */
	record Result(int records, double producedPerSecond, double perSecond) {
	}

}
