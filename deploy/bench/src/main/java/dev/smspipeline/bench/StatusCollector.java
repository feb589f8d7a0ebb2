package dev.smspipeline.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroDeserializer;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;
import dev.smspipeline.stackclient.MessageState;

/**
 * Reads {@code sms.delivery-status} from its end (read_committed, as any downstream
 * consumer) and notes, per message id, when this process first saw it reach the carrier
 * (SUBMITTED or any later carrier status) and a final status. Times are when the record
 * was read: what a consumer of the public stream experiences.
 */
final class StatusCollector implements AutoCloseable {

	private final Map<String, Timing> timings = new ConcurrentHashMap<>();

	private final Map<String, String> messageIdByKey = new ConcurrentHashMap<>();

	private final AtomicLong events = new AtomicLong();

	private final BenchClock clock;

	private final KafkaConsumer<String, DeliveryStatus> consumer;

	private final CountDownLatch ready = new CountDownLatch(1);

	private final Thread thread;

	private volatile boolean running = true;

	private volatile RuntimeException failure;

	StatusCollector(BenchOptions options, BenchClock clock) {
		this.clock = clock;
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, options.streamIsolation);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-status-collector");
		AvroDeserializer<DeliveryStatus> deserializer = new AvroDeserializer<>();
		deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, options.registryUrl), false);
		this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), deserializer);
		this.thread = new Thread(this::run, "bench-status-collector");
		this.thread.setDaemon(true);
	}

	/** Starts reading from the current end of the topic; returns once positioned. */
	void start() throws InterruptedException {
		this.thread.start();
		if (!this.ready.await(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("could not position on " + Topics.DELIVERY_STATUS + " within 60 s");
		}
		if (this.failure != null) {
			throw this.failure;
		}
	}

	private void run() {
		try {
			List<TopicPartition> partitions = this.consumer
				.partitionsFor(Topics.DELIVERY_STATUS, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			this.consumer.assign(partitions);
			this.consumer.seekToEnd(partitions);
			partitions.forEach(this.consumer::position);
			this.ready.countDown();
			while (this.running) {
				ConsumerRecords<String, DeliveryStatus> records = this.consumer.poll(Duration.ofMillis(100));
				if (records.isEmpty()) {
					continue;
				}
				long now = this.clock.nowMicros();
				for (ConsumerRecord<String, DeliveryStatus> record : records) {
					if (record.value() != null) {
						apply(record.value(), record.timestamp(), now);
					}
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		catch (RuntimeException ex) {
			this.failure = ex;
			this.ready.countDown();
		}
		finally {
			this.consumer.close(Duration.ofSeconds(5));
		}
	}

	private void apply(DeliveryStatus status, long recordMillis, long now) {
		this.events.incrementAndGet();
		String messageId = status.getMessageId();
		Timing timing = this.timings.computeIfAbsent(messageId, (id) -> new Timing());
		timing.seen(status.getStatus(), recordMillis, now);
		String key = status.getAttributes().get("idempotencyKey");
		if (key != null) {
			this.messageIdByKey.putIfAbsent(key, messageId);
		}
	}

	Timing timing(String messageId) {
		return (messageId != null) ? this.timings.get(messageId) : null;
	}

	String messageIdForKey(String key) {
		return this.messageIdByKey.get(key);
	}

	long events() {
		return this.events.get();
	}

	RuntimeException failure() {
		return this.failure;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.thread.join(10_000);
	}

	/**
	 * When one text was seen at each stage, epoch microseconds (0: not yet).
	 */
	static final class Timing {

		volatile long atCarrierMicros;

		volatile long finalMicros;

		volatile MessageStatus finalStatus;

		/** Record timestamps (the producer's clock) of the same events, epoch ms. */
		volatile long atCarrierRecordMillis;

		volatile long finalRecordMillis;

		void seen(MessageStatus status, long recordMillis, long micros) {
			if (status == null) {
				return;
			}
			if (this.atCarrierMicros == 0 && MessageState.isHandedOver(status.name())) {
				this.atCarrierMicros = micros;
				this.atCarrierRecordMillis = recordMillis;
			}
			if (this.finalMicros == 0 && MessageState.isFinal(status.name())) {
				this.finalMicros = micros;
				this.finalRecordMillis = recordMillis;
				this.finalStatus = status;
			}
		}

	}

}
