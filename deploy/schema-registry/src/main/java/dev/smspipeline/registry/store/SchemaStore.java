package dev.smspipeline.registry.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smspipeline.schemas.registry.CompatibilityLevel;

/**
 * The registry's state, kept in a compacted single-partition topic as Confluent keeps it,
 * so that ids survive a restart of the registry as long as the broker keeps its data.
 *
 * <p>
 * {@link #open} creates the topic if absent ({@code cleanup.policy=compact}, 1 partition,
 * replication factor min(3, brokers)) and reads it to its end before it returns. A reader
 * thread then keeps applying the topic to {@link #state()}; a write is sent with
 * {@code acks=all} and returns once the reader has applied it, so what one request wrote
 * the next one sees.
 */
public final class SchemaStore implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SchemaStore.class);

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

	private final RegistryState state = new RegistryState();

	private final String topic;

	private final Duration timeout;

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final KafkaProducer<byte[], byte[]> producer;

	private final Thread reader;

	private final Object progress = new Object();

	private long position;

	private Throwable readerFailure;

	private volatile boolean running = true;

	private SchemaStore(String bootstrapServers, String topic, Duration timeout) {
		this.topic = topic;
		this.timeout = timeout;
		this.consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers, topic), new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, topic, timeout), new ByteArraySerializer(),
				new ByteArraySerializer());
		this.reader = new Thread(this::read, "schema-registry-reader-" + topic);
		this.reader.setDaemon(true);
	}

	/**
	 * Opens the store: creates {@code topic} if absent and reads it to its end.
	 * @param bootstrapServers the Kafka cluster
	 * @param topic the topic, {@code _schemas} by default
	 * @param timeout how long to wait for Kafka, at start and on each write
	 * @throws StoreException when Kafka cannot be reached or the topic cannot be read in
	 * time
	 */
	public static SchemaStore open(String bootstrapServers, String topic, Duration timeout) {
		ensureTopic(bootstrapServers, topic, timeout);
		SchemaStore store = new SchemaStore(bootstrapServers, topic, timeout);
		try {
			store.start();
			return store;
		}
		catch (RuntimeException ex) {
			store.close();
			throw ex;
		}
	}

	/** What the topic says, as far as it has been read. */
	public RegistryState state() {
		return this.state;
	}

	/** Writes a version of a subject and waits until the state shows it. */
	public void append(SchemaVersion version) {
		append(StoreRecords.schemaKey(version.subject(), version.version()), StoreRecords.schemaValue(version));
	}

	/**
	 * Sets a compatibility level and waits until the state shows it.
	 * @param subject the subject, or {@code null} for the whole registry
	 * @param level the level
	 */
	public void append(String subject, CompatibilityLevel level) {
		append(StoreRecords.configKey(subject), StoreRecords.configValue(level));
	}

	private void append(byte[] key, byte[] value) {
		RecordMetadata written;
		try {
			written = this.producer.send(new ProducerRecord<>(this.topic, 0, key, value))
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new StoreException("Cannot write to " + this.topic + ": " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new StoreException("Timed out after " + this.timeout + " writing to " + this.topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StoreException("Interrupted writing to " + this.topic, ex);
		}
		awaitPosition(written.offset() + 1);
	}

	private void start() {
		TopicPartition partition = new TopicPartition(this.topic, 0);
		this.consumer.assign(List.of(partition));
		this.consumer.seekToBeginning(List.of(partition));
		long end = this.consumer.endOffsets(List.of(partition), this.timeout).get(partition);
		this.reader.start();
		awaitPosition(end);
		log.info("Read {} up to offset {}: {} subjects, highest id {}", this.topic, end, this.state.subjects().size(),
				this.state.maxId());
	}

	private void read() {
		try {
			while (this.running) {
				for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(POLL_TIMEOUT)) {
					apply(record);
				}
				long next = this.consumer.position(new TopicPartition(this.topic, 0));
				synchronized (this.progress) {
					this.position = next;
					this.progress.notifyAll();
				}
			}
		}
		catch (WakeupException ex) {
			if (this.running) {
				fail(ex);
			}
		}
		catch (RuntimeException | Error ex) {
			fail(ex);
		}
		finally {
			this.consumer.close();
		}
	}

	private void apply(ConsumerRecord<byte[], byte[]> record) {
		if (record.key() == null) {
			return;
		}
		try {
			StoreRecords.apply(record.key(), record.value(), this.state);
		}
		catch (Exception ex) {
			log.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), this.topic, ex.toString());
		}
	}

	private void fail(Throwable failure) {
		log.error("Stopped reading {}", this.topic, failure);
		synchronized (this.progress) {
			this.readerFailure = failure;
			this.progress.notifyAll();
		}
	}

	private void awaitPosition(long offset) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		synchronized (this.progress) {
			while (this.position < offset) {
				if (this.readerFailure != null) {
					throw new StoreException("Cannot read " + this.topic + ": " + this.readerFailure,
							this.readerFailure);
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new StoreException("Timed out after " + this.timeout + " reading " + this.topic
							+ " up to offset " + offset + " (at " + this.position + ")", null);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.progress, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new StoreException("Interrupted reading " + this.topic, ex);
				}
			}
		}
	}

	@Override
	public void close() {
		this.running = false;
		if (this.reader.getState() == Thread.State.NEW) {
			this.consumer.close();
		}
		else {
			this.consumer.wakeup();
			try {
				this.reader.join(this.timeout.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.producer.close(this.timeout);
	}

	private static void ensureTopic(String bootstrapServers, String topic, Duration timeout) {
		try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
			try {
				TopicDescription description = admin.describeTopics(Set.of(topic))
					.allTopicNames()
					.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
					.get(topic);
				if (description.partitions().size() != 1) {
					throw new StoreException(topic + " has " + description.partitions().size()
							+ " partitions; the schema registry needs exactly one", null);
				}
				return;
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
			}
			int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
			NewTopic newTopic = new NewTopic(topic, 1, (short) Math.min(3, brokers))
				.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
			try {
				admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
				log.info("Created {} (compacted, 1 partition, replication factor {})", topic,
						newTopic.replicationFactor());
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
			}
		}
		catch (ExecutionException ex) {
			throw new StoreException(
					"Cannot set up " + topic + " on Kafka at " + bootstrapServers + ": " + ex.getCause(),
					ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new StoreException(
					"Kafka at " + bootstrapServers + " did not answer within " + timeout + " setting up " + topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StoreException("Interrupted setting up " + topic, ex);
		}
	}

	private static Map<String, Object> consumerConfig(String bootstrapServers, String topic) {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.CLIENT_ID_CONFIG,
				"schema-registry-reader-" + topic, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
	}

	private static Map<String, Object> producerConfig(String bootstrapServers, String topic, Duration timeout) {
		int timeoutMs = (int) timeout.toMillis();
		return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.CLIENT_ID_CONFIG,
				"schema-registry-writer-" + topic, ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0,
				ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
	}

}
