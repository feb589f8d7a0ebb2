package dev.smspipeline.platform.account;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.smspipeline.events.AccountState;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroDeserializer;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;

/**
 * Materialises the compacted {@code sms.accounts} topic into the {@link AccountDirectory}
 * of this instance, the way a global table is built: no consumer group and no committed
 * offsets; every instance assigns itself all partitions and reads them from the beginning
 * at each start, then follows them. The directory counts as loaded once the reader
 * reached the end offsets the topic had when it started.
 *
 * <p>
 * A record that cannot be read (only campaign-service writes the topic, so this means a
 * bug or a foreign writer) is logged, counted in {@code sms_accounts_unreadable_total}
 * and skipped: the rest of the topic still applies, and the writer's next state of that
 * account replaces it. Runs on a thread of its own, started and stopped by the
 * application context.
 */
class AccountStateReader implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AccountStateReader.class);

	private final Map<String, Object> config;

	private final AccountDirectory directory;

	private final Duration pollTimeout;

	private final Counter unreadable;

	private volatile boolean running;

	private volatile KafkaConsumer<String, AccountState> consumer;

	private Thread thread;

	/**
	 * @param consumerConfig the service's consumer configuration (bootstrap servers,
	 * registry, security); group, deserializers and offsets are set here
	 * @param directory the view to feed
	 * @param pollTimeout the longest poll, which bounds how late a change applies only
	 * when nothing arrives (a record is returned as soon as it is there)
	 * @param meters where the unreadable-record counter goes
	 */
	AccountStateReader(Map<String, Object> consumerConfig, AccountDirectory directory, Duration pollTimeout,
			MeterRegistry meters) {
		this.config = readerConfig(consumerConfig);
		this.directory = directory;
		this.pollTimeout = pollTimeout;
		this.unreadable = Counter.builder("sms.accounts.unreadable")
			.description("sms.accounts records this service could not read and skipped")
			.register(meters);
	}

	static Map<String, Object> readerConfig(Map<String, Object> consumerConfig) {
		Map<String, Object> config = new HashMap<>(consumerConfig);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.remove("spring.deserializer.value.delegate.class");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
		config.put(AvroSerdeConfig.VALUE_TYPE, AccountState.class);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG,
				config.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "service") + "-accounts-reader");
		return config;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.thread = new Thread(this::read, "accounts-reader");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		KafkaConsumer<String, AccountState> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		try {
			this.thread.join(Duration.ofSeconds(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void read() {
		while (this.running) {
			try (KafkaConsumer<String, AccountState> reader = new KafkaConsumer<>(this.config)) {
				this.consumer = reader;
				if (!this.running) {
					return;
				}
				follow(reader);
			}
			catch (WakeupException ex) {
				// stopping
			}
			catch (RuntimeException ex) {
				log.warn("Reading {} failed; starting over in 1 s: {}", Topics.ACCOUNTS, ex.toString());
				pause(Duration.ofSeconds(1));
			}
			finally {
				this.consumer = null;
			}
		}
	}

	private void follow(KafkaConsumer<String, AccountState> reader) {
		List<TopicPartition> partitions = partitions(reader);
		reader.assign(partitions);
		reader.seekToBeginning(partitions);
		Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
		while (this.running) {
			try {
				for (ConsumerRecord<String, AccountState> record : reader.poll(this.pollTimeout)) {
					if (record.value() == null) {
						this.directory.remove(record.key());
					}
					else {
						this.directory.apply(record.value());
					}
				}
			}
			catch (RecordDeserializationException ex) {
				this.unreadable.increment();
				log.error("Skipping unreadable {} record at {} offset {}: {}", Topics.ACCOUNTS, ex.topicPartition(),
						ex.offset(), ex.getMessage());
				reader.seek(ex.topicPartition(), ex.offset() + 1);
			}
			if (!this.directory.loaded()
					&& ends.entrySet().stream().allMatch((end) -> reader.position(end.getKey()) >= end.getValue())) {
				this.directory.markLoaded();
				log.info("Read {} accounts from {}", this.directory.size(), Topics.ACCOUNTS);
			}
		}
	}

	/** The topic's partitions, waiting for it to exist (campaign-service declares it). */
	private List<TopicPartition> partitions(KafkaConsumer<String, AccountState> reader) {
		while (true) {
			List<PartitionInfo> infos = reader.partitionsFor(Topics.ACCOUNTS);
			if (infos != null && !infos.isEmpty()) {
				return infos.stream().map((info) -> new TopicPartition(info.topic(), info.partition())).toList();
			}
			log.info("Waiting for topic {} to exist", Topics.ACCOUNTS);
			pause(Duration.ofSeconds(1));
			if (!this.running) {
				throw new WakeupException();
			}
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
