package dev.smspipeline.dispatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.smspipeline.dispatch.DispatchInstances;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroDeserializer;
import dev.smspipeline.schemas.serde.AvroSerializer;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.SimulatorSettings;
import dev.smspipeline.simulator.messages.Outcome;
import dev.smspipeline.simulator.messages.ReceivedMessage;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;

/**
 * Dispatch's throughput and latency against the carrier simulator (with its 1-second
 * rule), on a real broker and PostgreSQL, dispatch running as its own process of the
 * runnable jar with {@code -Xmx256m}. Not a test: a program that prints its figures.
 *
 * <ol>
 * <li><strong>Warm-up:</strong> a fifth of the load ({@code bench.warmup}) on other
 * numbers, so both measured runs see a warm JIT; reported, not compared.</li>
 * <li><strong>Spread:</strong> {@code messages} texts over {@code numbers} numbers,
 * produced as one burst (round by round, numbers shuffled in each round).</li>
 * <li><strong>One number holds a share:</strong> the same load, but one number has
 * {@code held} of the texts (its backlog is paced at 1/s and mostly parked); the
 * throughput of the other numbers is compared with the first run's.</li>
 * <li><strong>Ceiling:</strong> the raw consume rate of the same records on the same
 * broker (plain consumer, bytes, and with Avro deserialization), against dispatch's
 * rate.</li>
 * </ol>
 *
 * <p>
 * Run (from the repository root, after {@code ./mvnw -pl dispatch-service package
 * -DskipTests} built the runnable jar):
 *
 * <pre>
 * ./mvnw -q -pl dispatch-service exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.smspipeline.dispatch.bench.DispatchBenchmark \
 *   -Dbench.messages=100000 -Dbench.numbers=10000 -Dbench.held=10000
 * </pre>
 *
 * Other system properties: {@code bench.jar} (the runnable jar), {@code bench.heap}
 * ({@code 256m}), {@code bench.jfr} (a JFR file to record dispatch into),
 * {@code bench.timeout} (seconds per run, 900).
 */
public final class DispatchBenchmark {

	private static final Pattern VALUE = Pattern.compile("\"statistic\":\"VALUE\",\"value\":([0-9.eE+-]+)");

	private final int messages = Integer.getInteger("bench.messages", 100_000);

	private final int numbers = Integer.getInteger("bench.numbers", 10_000);

	private final int held = Integer.getInteger("bench.held", 10_000);

	private final Duration timeout = Duration.ofSeconds(Integer.getInteger("bench.timeout", 900));

	private final TestInfrastructure infrastructure = TestInfrastructure.shared();

	private final Random random = new Random(42);

	private DispatchBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		new DispatchBenchmark().run();
		System.exit(0);
	}

	private void run() throws Exception {
		System.out.printf(Locale.ROOT, "Machine: %d CPUs, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
				System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
		System.out.printf(Locale.ROOT, "Load: %,d texts over %,d numbers; second run: one number holds %,d%n",
				this.messages, this.numbers, this.held);
		createTopic();
		try (CarrierSimulator carrier = CarrierSimulator.start(SimulatorSettings.forTests());
				DispatchInstances.ChildProcess dispatch = Dispatch.start(carrier)) {
			int warmUp = Integer.getInteger("bench.warmup", this.messages / 5);
			measure("warm-up (not compared)", carrier, dispatch, spreadLoad("+1213", warmUp), null);
			Result spread = measure("spread", carrier, dispatch, spreadLoad("+1312", this.messages), null);
			Result skewed = measure("one number holds " + this.held, carrier, dispatch, skewedLoad(), heldNumber());
			double consume = rawConsumeRate(false);
			double consumeAvro = rawConsumeRate(true);
			System.out.println();
			System.out.println("=== Results");
			spread.print();
			skewed.print();
			System.out.printf(Locale.ROOT, "Others' throughput, second run vs first: %.1f%%%n",
					100.0 * skewed.othersRate() / spread.othersRate());
			System.out.printf(Locale.ROOT,
					"Raw consume rate, same records, same broker: %,.0f/s (bytes), %,.0f/s (Avro)%n", consume,
					consumeAvro);
			System.out.printf(Locale.ROOT, "Dispatch ceiling ratio (first run / raw Avro consume): %.3f%n",
					spread.othersRate() / consumeAvro);
		}
	}

	private Result measure(String name, CarrierSimulator carrier, DispatchInstances.ChildProcess dispatch,
			List<MessageRequested> load, String heldNumber) throws InterruptedException {
		carrier.clear();
		Set<String> others = new HashSet<>();
		for (MessageRequested request : load) {
			if (!request.getRecipient().equals(heldNumber)) {
				others.add(request.getMessageId());
			}
		}
		System.out.printf(Locale.ROOT, "%n--- %s: producing %,d texts%n", name, load.size());
		HeapWatch heap = new HeapWatch(dispatch);
		heap.start();
		Map<String, Long> requestedAt = new HashMap<>(load.size() * 2);
		long started = System.currentTimeMillis();
		produce(load, requestedAt);
		long produced = System.currentTimeMillis();
		System.out.printf(Locale.ROOT, "produced in %,d ms (%,.0f/s)%n", produced - started,
				load.size() * 1000.0 / Math.max(1, produced - started));
		long deadline = System.nanoTime() + this.timeout.toNanos();
		List<Long> latencies = new ArrayList<>(others.size());
		Set<String> seen = new HashSet<>();
		long lastOther = started;
		int heldAccepted = 0;
		int duplicates = 0;
		int rateLimited = 0;
		long lastReport = System.nanoTime();
		while (seen.size() < others.size() && System.nanoTime() < deadline) {
			Thread.sleep(500);
			// the simulator's log is ordered by arrival, and a create still being
			// answered
			// may join it behind later ones: read it whole each time
			Set<String> accepted = new HashSet<>();
			heldAccepted = 0;
			duplicates = 0;
			rateLimited = 0;
			for (ReceivedMessage create : carrier.receivedMessages()) {
				if (create.outcome() == Outcome.RATE_LIMITED) {
					rateLimited++;
				}
				if (create.outcome() == Outcome.DUPLICATE) {
					duplicates++;
				}
				if (create.outcome() != Outcome.ACCEPTED) {
					continue;
				}
				if (!others.contains(create.idempotencyKey())) {
					heldAccepted++;
				}
				else if (!accepted.add(create.idempotencyKey())) {
					duplicates++;
				}
				else if (seen.add(create.idempotencyKey())) {
					latencies.add(create.receivedAt() - requestedAt.get(create.idempotencyKey()));
					lastOther = Math.max(lastOther, create.receivedAt());
				}
			}
			if (System.nanoTime() - lastReport > 5_000_000_000L) {
				lastReport = System.nanoTime();
				System.out.printf(Locale.ROOT, "  %,d / %,d others accepted, heap max %,d MB%n", seen.size(),
						others.size(), heap.maxHeap() / 1_000_000);
			}
		}
		heap.stop();
		if (seen.size() < others.size()) {
			diagnose(carrier, dispatch, load, seen, heldNumber);
		}
		Collections.sort(latencies);
		Result result = new Result(name, load.size(), others.size(), seen.size(), lastOther - started, latencies,
				heldAccepted, duplicates, rateLimited, heap.maxHeap(), heap.maxLive(), heap.pausedSamples(),
				heap.maxParked(), heap.maxBuffered());
		result.print();
		return result;
	}

	private static void diagnose(CarrierSimulator carrier, DispatchInstances.ChildProcess dispatch,
			List<MessageRequested> load, Set<String> seen, String heldNumber) {
		Map<Outcome, Long> outcomes = new HashMap<>();
		Map<String, List<ReceivedMessage>> byId = new HashMap<>();
		for (ReceivedMessage create : carrier.receivedMessages()) {
			outcomes.merge(create.outcome(), 1L, Long::sum);
			byId.computeIfAbsent(create.idempotencyKey(), (id) -> new ArrayList<>()).add(create);
		}
		System.out.println("Carrier outcomes: " + outcomes);
		int shown = 0;
		for (MessageRequested request : load) {
			if (!seen.contains(request.getMessageId()) && !request.getRecipient().equals(heldNumber) && shown++ < 10) {
				System.out.println("Missing " + request.getMessageId() + " to " + request.getRecipient() + ": "
						+ byId.get(request.getMessageId()));
			}
		}
		for (String line : dispatch.management("/actuator/prometheus").split("\n")) {
			if (line.startsWith("sms_") && !line.contains("_bucket")) {
				System.out.println("  " + line);
			}
		}
	}

	private List<MessageRequested> spreadLoad(String areaCode, int messages) {
		List<String> recipients = numbers(areaCode, this.numbers);
		List<MessageRequested> load = new ArrayList<>(messages);
		int rounds = (messages + this.numbers - 1) / this.numbers;
		for (int round = 0; round < rounds && load.size() < messages; round++) {
			List<String> shuffled = new ArrayList<>(recipients);
			Collections.shuffle(shuffled, this.random);
			for (String recipient : shuffled) {
				if (load.size() == messages) {
					break;
				}
				load.add(request(recipient));
			}
		}
		return load;
	}

	private List<MessageRequested> skewedLoad() {
		List<String> recipients = numbers("+1646", this.numbers - 1);
		int rest = this.messages - this.held;
		List<MessageRequested> others = new ArrayList<>(rest);
		int rounds = (rest + recipients.size() - 1) / recipients.size();
		for (int round = 0; round < rounds && others.size() < rest; round++) {
			List<String> shuffled = new ArrayList<>(recipients);
			Collections.shuffle(shuffled, this.random);
			for (String recipient : shuffled) {
				if (others.size() == rest) {
					break;
				}
				others.add(request(recipient));
			}
		}
		// the held number's texts spread evenly through the burst
		List<MessageRequested> load = new ArrayList<>(this.messages);
		double every = (double) this.messages / this.held;
		int heldSent = 0;
		int otherIndex = 0;
		for (int i = 0; i < this.messages; i++) {
			if (heldSent < this.held && i >= Math.round(heldSent * every)) {
				load.add(request(heldNumber()));
				heldSent++;
			}
			else if (otherIndex < others.size()) {
				load.add(others.get(otherIndex++));
			}
		}
		return load;
	}

	private static String heldNumber() {
		return "+19175550000";
	}

	private static List<String> numbers(String areaCode, int count) {
		List<String> numbers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			numbers.add(areaCode + String.format("%07d", 2_000_000 + i));
		}
		return numbers;
	}

	private static MessageRequested request(String recipient) {
		return MessageRequested.newBuilder()
			.setMessageId(UUID.randomUUID().toString())
			.setAccountId("bench")
			.setCampaignId("bench-campaign")
			.setRecipient(recipient)
			.setSender("+15005550006")
			.setBody("Spring sale: 20% off everything until Sunday. Reply STOP to opt out.")
			.setRequestedAt(Instant.EPOCH)
			.setExpiresAt(Instant.now().plus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MILLIS))
			.setSource(RequestSource.CAMPAIGN)
			.setAttributes(Map.of())
			.build();
	}

	private void produce(List<MessageRequested> load, Map<String, Long> requestedAt) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.infrastructure.kafkaBootstrapServers());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class);
		properties.put("schema.registry.url", this.infrastructure.schemaRegistryUrl());
		try (KafkaProducer<String, MessageRequested> producer = new KafkaProducer<>(properties)) {
			for (MessageRequested request : load) {
				long now = System.currentTimeMillis();
				request.setRequestedAt(Instant.ofEpochMilli(now));
				requestedAt.put(request.getMessageId(), now);
				producer.send(new ProducerRecord<>(Topics.MESSAGE_REQUESTED, request.getRecipient(), request));
			}
			producer.flush();
		}
	}

	private double rawConsumeRate(boolean avro) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.infrastructure.kafkaBootstrapServers());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		AvroDeserializer<MessageRequested> deserializer = new AvroDeserializer<>();
		deserializer.configure(Map.of("schema.registry.url", this.infrastructure.schemaRegistryUrl()), false);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.MESSAGE_REQUESTED)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long total = end.values().stream().mapToLong(Long::longValue).sum();
			long read = 0;
			long started = System.nanoTime();
			AtomicLong sink = new AtomicLong();
			while (read < total) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					read++;
					if (avro) {
						sink.addAndGet(deserializer.deserialize(record.topic(), record.value()).getSegments());
					}
					else {
						sink.addAndGet(record.value().length);
					}
				}
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			double rate = read / seconds;
			System.out.printf(Locale.ROOT, "Raw consume (%s): %,d records in %.2f s: %,.0f/s%n",
					avro ? "Avro" : "bytes", read, seconds, rate);
			return rate;
		}
	}

	private void createTopic() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.infrastructure.kafkaBootstrapServers()))) {
			if (!admin.listTopics().names().get().contains(Topics.MESSAGE_REQUESTED)) {
				admin.createTopics(List.of(new NewTopic(Topics.MESSAGE_REQUESTED, 6, (short) 1))).all().get();
			}
		}
	}

	/** One run's figures. */
	private record Result(String name, int texts, int others, int othersAccepted, long othersMillis,
			List<Long> latencies, int heldAccepted, int duplicates, int rateLimited, long maxHeap, long maxLive,
			int pausedSamples, long maxParked, long maxBuffered) {

		double othersRate() {
			return this.othersAccepted * 1000.0 / Math.max(1, this.othersMillis);
		}

		void print() {
			System.out.printf(Locale.ROOT,
					"[%s] %,d of %,d texts to the spread numbers accepted in %,d ms: %,.0f texts/s; latency request→carrier p50 %,d ms, p90 %,d, p99 %,d, max %,d; held number: %,d accepted; duplicates %d, 429s %d; peak heap %,d MB (max live after GC %,d MB); consumer paused in %d samples; buffered up to %,d, parked up to %,d%n",
					this.name, this.othersAccepted, this.others, this.othersMillis, othersRate(), percentile(50),
					percentile(90), percentile(99), percentile(100), this.heldAccepted, this.duplicates,
					this.rateLimited, this.maxHeap / 1_000_000, this.maxLive / 1_000_000, this.pausedSamples,
					this.maxBuffered, this.maxParked);
		}

		long percentile(int p) {
			if (this.latencies.isEmpty()) {
				return -1;
			}
			int index = (int) Math.ceil(p / 100.0 * this.latencies.size()) - 1;
			return this.latencies.get(Math.max(0, Math.min(index, this.latencies.size() - 1)));
		}

	}

	/** Samples dispatch's heap (and a few gauges) from its Prometheus endpoint. */
	private static final class HeapWatch {

		private final DispatchInstances.ChildProcess dispatch;

		private volatile boolean running = true;

		private volatile long maxHeap;

		private volatile long maxLive;

		private volatile long maxParked;

		private volatile long maxBuffered;

		private volatile int pausedSamples;

		private Thread thread;

		HeapWatch(DispatchInstances.ChildProcess dispatch) {
			this.dispatch = dispatch;
		}

		void start() {
			this.thread = new Thread(() -> {
				while (this.running) {
					this.maxHeap = Math.max(this.maxHeap, value("jvm.memory.used?tag=area:heap"));
					this.maxLive = Math.max(this.maxLive, value("jvm.gc.live.data.size"));
					this.maxParked = Math.max(this.maxParked, value("sms.dispatch.records.parked"));
					this.maxBuffered = Math.max(this.maxBuffered, value("sms.dispatch.records.buffered"));
					if (value("sms.dispatch.partitions.paused") > 0) {
						this.pausedSamples++;
					}
					try {
						Thread.sleep(500);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "heap-watch");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private long value(String metric) {
			Matcher matcher = VALUE.matcher(this.dispatch.management("/actuator/metrics/" + metric));
			return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.thread.join();
		}

		long maxHeap() {
			return this.maxHeap;
		}

		long maxLive() {
			return this.maxLive;
		}

		long maxParked() {
			return this.maxParked;
		}

		long maxBuffered() {
			return this.maxBuffered;
		}

		int pausedSamples() {
			return this.pausedSamples;
		}

	}

	/** Dispatch as a child process of its runnable jar, with the benchmark's heap. */
	private static final class Dispatch {

		private Dispatch() {
		}

		static DispatchInstances.ChildProcess start(CarrierSimulator carrier) throws InterruptedException {
			String jar = System.getProperty("bench.jar",
					"dispatch-service/target/dispatch-service-0.1.0-SNAPSHOT-exec.jar");
			if (!Files.isRegularFile(Path.of(jar))) {
				jar = "target/dispatch-service-0.1.0-SNAPSHOT-exec.jar";
			}
			if (!Files.isRegularFile(Path.of(jar))) {
				throw new IllegalStateException("No runnable jar; run ./mvnw -pl dispatch-service package -DskipTests");
			}
			List<String> options = new ArrayList<>(
					List.of("-Xmx" + System.getProperty("bench.heap", "256m"), "-XX:+UseSerialGC"));
			String jfr = System.getProperty("bench.jfr");
			if (jfr != null) {
				options.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
			}
			Map<String, String> environment = DispatchInstances.environment(carrier, "dispatch_bench");
			environment.put("LOGGING_LEVEL_DEV_SMSPIPELINE", "WARN");
			environment.put("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,prometheus,metrics");
			Path log = Path.of(System.getProperty("java.io.tmpdir"), "dispatch-bench-" + System.nanoTime() + ".log");
			System.out.println("dispatch log: " + log);
			DispatchInstances.ChildProcess dispatch = DispatchInstances.launch(jar, options, environment, log,
					Duration.ofSeconds(120));
			// let the consumer join its group before the burst
			Thread.sleep(5_000);
			return dispatch;
		}

	}

}
