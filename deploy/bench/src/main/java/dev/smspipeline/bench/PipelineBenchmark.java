package dev.smspipeline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The end-to-end benchmark of the running local stack ({@code ./local-stack.sh bench}).
 * <ol>
 * <li>Ceilings: the broker's raw produce-to-consume rate of the pipeline's Avro records
 * ({@link KafkaCeiling}) and the carrier simulator's accept rate driven directly
 * ({@link CarrierCeiling}).</li>
 * <li>Warm-up: a few texts through the whole pipeline, waited for, not measured.</li>
 * <li>Measurement: {@code --messages} texts to {@code --numbers} numbers through the
 * public entry points ({@link LoadGenerator}), timed on {@code sms.delivery-status}
 * ({@link StatusCollector}) and at the carrier ({@link CarrierLog},
 * {@link CarrierGapAudit}), CPU and memory of every process sampled
 * ({@link ProcessSampler}).</li>
 * <li>Report, chart ({@link SvgChart}) and the {@link ResultLine} last.</li>
 * </ol>
 */
public final class PipelineBenchmark {

	private static final double TARGET_THROUGHPUT = 2000;

	private static final double TARGET_CPU_MS = 1.0;

	private static final double TARGET_P99_MS = 250;

	private static final long TARGET_HEAP = 256L * 1024 * 1024;

	private static final List<String> SERVICES = List.of("campaign-service", "dispatch-service", "status-service");

	private final BenchOptions options;

	private final BenchClock clock = new BenchClock();

	private final StringBuilder report = new StringBuilder();

	private final String runId;

	private PipelineBenchmark(BenchOptions options) {
		this.options = options;
		this.runId = DateTimeFormatter.ofPattern("HHmmss").format(ZonedDateTime.now())
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
	}

	public static void main(String[] args) {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("error: " + ex.getMessage());
			System.err.print(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options.help) {
			System.out.print(BenchOptions.USAGE);
			return;
		}
		int code;
		try {
			code = new PipelineBenchmark(options).run();
		}
		catch (Exception ex) {
			System.err.println("error: the benchmark failed: " + ex);
			ex.printStackTrace();
			code = 1;
		}
		System.exit(code);
	}

	private int run() throws Exception {
		checkStack();
		String apiKey = this.options.apiKey();
		Map<String, String> carrier = this.options.carrierCredentials();
		String accountSid = carrier.get("CARRIER_ACCOUNT_SID");
		String authToken = carrier.get("CARRIER_AUTH_TOKEN");

		out("# End-to-end pipeline benchmark, run " + this.runId);
		out("date:    " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		out("machine: " + machine());
		out("load:    " + loadAverage() + " (load average before the run; the cores are shared)");
		out(String.format(Locale.ROOT,
				"options: --messages %d --numbers %d --repeat-share %.2f --rate %s --via %s --in-flight %d --warmup %d --seed %d",
				this.options.messages, this.options.numbers, this.options.repeatShare,
				(this.options.rate > 0) ? String.format(Locale.ROOT, "%.0f", this.options.rate) : "flat-out",
				this.options.via.name().toLowerCase(Locale.ROOT), this.options.inFlight, this.options.warmup,
				this.options.seed));
		out("");

		double kafkaCeiling = Double.NaN;
		double carrierCeiling = Double.NaN;
		clearCarrier();
		if (this.options.ceilings) {
			progress("Kafka ceiling: " + this.options.ceilingMessages + " records ...");
			KafkaCeiling.Result kafka = KafkaCeiling.run(this.options, this.options.ceilingMessages);
			kafkaCeiling = kafka.perSecond();
			out(String.format(Locale.ROOT,
					"Kafka ceiling:   %,.0f records/s produce->consume (%,d MessageRequested records, acks=all, 6 partitions; produce alone %,.0f/s)",
					kafka.perSecond(), kafka.records(), kafka.producedPerSecond()));
			progress("Carrier ceiling: " + this.options.ceilingMessages + " creates ...");
			CarrierCeiling.Result carrierResult = CarrierCeiling.run(this.options, accountSid, authToken,
					this.options.ceilingMessages, this.runId);
			carrierCeiling = carrierResult.perSecond();
			out(String.format(Locale.ROOT,
					"Carrier ceiling: %,.0f accepted creates/s (%,d creates straight to the simulator, "
							+ CarrierCeiling.CONNECTIONS + " keep-alive connections, no callbacks; %d not accepted)",
					carrierResult.perSecond(), carrierResult.creates(), carrierResult.other()));
			out("");
			clearCarrier();
		}

		try (StatusCollector collector = new StatusCollector(this.options, this.clock);
				LoadGenerator generator = new LoadGenerator(this.options, this.clock, apiKey);
				ProcessSampler sampler = new ProcessSampler(this.options.stateDir)) {
			sampler.open();
			collector.start();
			if (this.options.warmup > 0) {
				warmUp(collector, generator);
			}
			else {
				Thread.sleep(3000); // let jstat start
			}
			return measure(collector, generator, sampler, kafkaCeiling, carrierCeiling);
		}
	}

	private void warmUp(StatusCollector collector, LoadGenerator generator) throws InterruptedException {
		progress("Warm-up: " + this.options.warmup + " texts ...");
		List<PlannedText> plan = SendPlan.plan(this.options.warmup, this.options.warmup, 0, 1, NumberPool.WARMUP);
		RequestLog log = new RequestLog(plan);
		long start = System.nanoTime();
		generator.run(log, this.runId + "w", 0, this.options.via);
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		int finals;
		do {
			Thread.sleep(250);
			finals = finalCount(log, collector);
		}
		while (finals < log.acceptedCount() && System.nanoTime() < deadline);
		out(String.format(Locale.ROOT, "Warm-up: %d texts, %d accepted, %d final in %.1f s (not measured)", plan.size(),
				log.acceptedCount(), finals, (System.nanoTime() - start) / 1e9));
	}

	private int measure(StatusCollector collector, LoadGenerator generator, ProcessSampler sampler, double kafkaCeiling,
			double carrierCeiling) throws Exception {
		List<PlannedText> plan = SendPlan.plan(this.options.messages, this.options.numbers, this.options.repeatShare,
				this.options.seed, NumberPool.MEASURED);
		RequestLog log = new RequestLog(plan);
		progress("Idle CPU of the stack over 5 s ...");
		long idleMillis = sampler.idleCpuMillis(5000);
		double idleCores = idleMillis / 5000.0;
		progress("Measuring: " + plan.size() + " texts ...");
		sampler.start();
		Thread progress = progressThread(log, collector);
		long loadStart = this.clock.nowMicros();
		generator.run(log, this.runId, this.options.rate, this.options.via);
		long loadEnd = this.clock.nowMicros();
		long deadline = System.nanoTime() + Duration.ofSeconds(this.options.drainTimeoutSeconds).toNanos();
		while (finalCount(log, collector) < log.acceptedCount() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		Map<String, Long> postgresByDatabase = sampler.postgresByDatabase();
		List<ProcessSampler.Usage> usages = sampler.stop();
		long drainEnd = this.clock.nowMicros();
		progress.interrupt();
		String loadAfter = loadAverage();

		// the carrier's view of this run's numbers
		Set<String> numbers = new HashSet<>();
		plan.forEach((text) -> numbers.add(text.recipient()));
		long since = loadStart / 1000 - 1000;
		List<CarrierEntry> entries = CarrierLog.read(this.options.carrierUrl,
				(entry) -> entry.receivedAt() >= since && numbers.contains(entry.to()));
		CarrierGapAudit.Result audit = CarrierGapAudit.audit(entries, this.options.intervalMillis);

		// per text
		long firstSent = Long.MAX_VALUE;
		long lastAnswered = 0;
		long lastAtCarrier = 0;
		long lastSubmitted = 0;
		long lastFinal = 0;
		int accepted = 0;
		int refused = 0;
		int finals = 0;
		int submitted = 0;
		int atCarrier = 0;
		List<Double> toCarrierAll = new ArrayList<>();
		List<Double> toCarrierFirst = new ArrayList<>();
		List<Double> toSubmitted = new ArrayList<>();
		List<Double> toFinal = new ArrayList<>();
		List<Double> acceptLatency = new ArrayList<>();
		List<Double> submittedVisibility = new ArrayList<>();
		List<Double> finalVisibility = new ArrayList<>();
		List<Long> finalTimes = new ArrayList<>();
		Map<String, Integer> outcomes = new TreeMap<>();
		for (PlannedText text : plan) {
			firstSent = Math.min(firstSent, log.sentMicros[text.seq()]);
		}
		Timeline timeline = new Timeline(firstSent);
		for (PlannedText text : plan) {
			int seq = text.seq();
			long sent = log.sentMicros[seq];
			if (!log.accepted(seq)) {
				refused++;
				outcomes.merge("not accepted (HTTP " + log.statuses[seq] + ")", 1, Integer::sum);
				continue;
			}
			accepted++;
			lastAnswered = Math.max(lastAnswered, log.answeredMicros[seq]);
			acceptLatency.add((log.answeredMicros[seq] - sent) / 1000.0);
			timeline.accepted(log.answeredMicros[seq]);
			String messageId = (log.messageIds[seq] != null) ? log.messageIds[seq]
					: collector.messageIdForKey(log.keys[seq]);
			Long carrierAccept = (messageId != null) ? audit.firstAcceptById().get(messageId) : null;
			if (carrierAccept != null) {
				atCarrier++;
				double latency = carrierAccept - sent / 1000.0;
				toCarrierAll.add(latency);
				if (text.firstToNumber()) {
					toCarrierFirst.add(latency);
				}
				lastAtCarrier = Math.max(lastAtCarrier, carrierAccept * 1000);
				timeline.atCarrier(carrierAccept * 1000, latency);
			}
			StatusCollector.Timing timing = collector.timing(messageId);
			if (timing != null && timing.atCarrierMicros != 0) {
				submitted++;
				toSubmitted.add((timing.atCarrierMicros - sent) / 1000.0);
				submittedVisibility.add(timing.atCarrierMicros / 1000.0 - timing.atCarrierRecordMillis);
				lastSubmitted = Math.max(lastSubmitted, timing.atCarrierMicros);
			}
			if (timing != null && timing.finalMicros != 0) {
				finals++;
				finalVisibility.add(timing.finalMicros / 1000.0 - timing.finalRecordMillis);
				double latency = (timing.finalMicros - sent) / 1000.0;
				toFinal.add(latency);
				finalTimes.add(timing.finalMicros);
				lastFinal = Math.max(lastFinal, timing.finalMicros);
				timeline.reachedFinal(timing.finalMicros, latency);
				outcomes.merge(timing.finalStatus.name(), 1, Integer::sum);
			}
			else {
				outcomes.merge("no final status (lost)", 1, Integer::sum);
			}
		}
		int lost = accepted - finals;
		double acceptRate = rate(accepted, firstSent, lastAnswered);
		double submittedRate = rate(submitted, firstSent, lastSubmitted);
		double carrierRate = rate(atCarrier, firstSent, lastAtCarrier);
		double finalRate = rate(finals, firstSent, lastFinal);
		double middleRate = middleRate(finalTimes);
		Percentiles carrierFirst = Percentiles.of(unbox(toCarrierFirst));
		Percentiles carrierAll = Percentiles.of(unbox(toCarrierAll));
		Percentiles submittedLatency = Percentiles.of(unbox(toSubmitted));
		Percentiles finalLatency = Percentiles.of(unbox(toFinal));
		Percentiles acceptance = Percentiles.of(unbox(acceptLatency));
		long stackCpuMillis = usages.stream()
			.filter((usage) -> !usage.name().equals(ProcessSampler.GENERATOR) && usage.cpuMillis() > 0)
			.mapToLong(ProcessSampler.Usage::cpuMillis)
			.sum();
		long generatorCpu = usages.stream()
			.filter((usage) -> usage.name().equals(ProcessSampler.GENERATOR))
			.mapToLong(ProcessSampler.Usage::cpuMillis)
			.sum();
		long stackJitMillis = usages.stream()
			.filter((usage) -> !usage.name().equals(ProcessSampler.GENERATOR))
			.mapToLong(ProcessSampler.Usage::jitMillis)
			.sum();
		double cpuPerText = (accepted > 0) ? stackCpuMillis / (double) accepted : Double.NaN;
		double windowSeconds = (drainEnd - loadStart) / 1e6;

		out(String.format(Locale.ROOT, "## Pipeline: %,d texts via %s, %s, %,d numbers (%,d repeat texts)", plan.size(),
				this.options.via.name().toLowerCase(Locale.ROOT),
				(this.options.rate > 0) ? String.format(Locale.ROOT, "offered %,.0f/s", this.options.rate) : "flat out",
				numbers.size(), plan.stream().filter((text) -> !text.firstToNumber()).count()));
		out(String.format(Locale.ROOT, "requests sent in %.1f s; drained %.1f s after the last request; load %s after",
				(loadEnd - loadStart) / 1e6, (drainEnd - loadEnd) / 1e6, loadAfter));
		out("");
		out("| measure | result |");
		out("|---|---|");
		row("requests accepted", String.format(Locale.ROOT, "%,d of %,d (%,.0f/s; answer %s)", accepted, plan.size(),
				acceptRate, acceptance.describe()));
		row("**throughput request → final status**", String.format(Locale.ROOT,
				"**%,.0f texts/s** (%,d final; middle 80 %% of finals at %,.0f/s)", finalRate, finals, middleRate));
		row("throughput request → SUBMITTED (status stream)",
				String.format(Locale.ROOT, "%,.0f texts/s (%,d)", submittedRate, submitted));
		row("throughput request → carrier accept",
				String.format(Locale.ROOT, "%,.0f texts/s (%,d)", carrierRate, atCarrier));
		row("latency request → carrier, first text to a number", carrierFirst.describe());
		row("latency request → carrier, all texts", carrierAll.describe());
		row("latency request → SUBMITTED on the stream", submittedLatency.describe());
		row("latency request → final status on the stream", finalLatency.describe());
		row("stream visibility: read − record timestamp, SUBMITTED",
				Percentiles.of(unbox(submittedVisibility)).describe());
		row("stream visibility: read − record timestamp, final", Percentiles.of(unbox(finalVisibility)).describe());
		row("final statuses", outcomes.toString().replaceAll("[{}]", ""));
		row("per-number gap at the carrier",
				(audit.minGapMillis() < 0) ? "no number got two texts"
						: String.format(Locale.ROOT, "min %,d ms over %,d numbers with repeats (interval %,d ms)",
								audit.minGapMillis(), audit.repeatedNumbers(), this.options.intervalMillis));
		row("throttle violations",
				String.format(Locale.ROOT, "%d (%d accepted gaps below the interval, %d answered 429 by the carrier)",
						audit.violations(), audit.gapsBelowInterval(), audit.rateLimited()));
		row("lost / duplicates", String.format(Locale.ROOT,
				"%d lost (accepted, no final status after %d s), %d sent twice (%d idempotent repeats answered from the carrier's cache)",
				lost, this.options.drainTimeoutSeconds, audit.duplicates(), audit.duplicateAnswers()));
		row("CPU, whole stack", String.format(Locale.ROOT,
				"%,.1f s in %.1f s = **%.3f ms per text** (JIT compiler threads %,.1f s of it; without them %.3f ms per text)",
				stackCpuMillis / 1000.0, windowSeconds, cpuPerText, stackJitMillis / 1000.0,
				(stackCpuMillis - stackJitMillis) / (double) Math.max(1, accepted)));
		row("CPU, whole stack, idle before the run",
				String.format(Locale.ROOT,
						"%.3f cores (pollers, heartbeats, compilation); the run less that: %.3f ms per text", idleCores,
						(stackCpuMillis - idleCores * windowSeconds * 1000) / Math.max(1, accepted)));
		if (stackJitMillis > 0.10 * stackCpuMillis) {
			// Right after a start, C2 compiles for minutes under load: such a run
			// measures
			// the compiler as much as the pipeline.
			row("warning: not warm",
					String.format(Locale.ROOT,
							"JIT compilation was %.0f %% of the stack's CPU; the services were started recently, so "
									+ "throughput and CPU per text are pessimistic: run the benchmark again",
							100.0 * stackJitMillis / stackCpuMillis));
		}
		row("CPU, generator + collector (this process, not counted)", String.format(Locale.ROOT,
				"%,.1f s = %.3f ms per text", generatorCpu / 1000.0, generatorCpu / (double) Math.max(1, accepted)));
		if (!Double.isNaN(kafkaCeiling)) {
			row("ceilings",
					String.format(Locale.ROOT, "Kafka %,.0f/s, carrier %,.0f/s: pipeline at %.1f %% of the lower",
							kafkaCeiling, carrierCeiling, 100 * finalRate / Math.min(kafkaCeiling, carrierCeiling)));
		}
		out("");
		out("| process | pid | CPU s | of which JIT compiler s | CPU ms/text | peak CPU (cores) | peak heap | peak RSS |");
		out("|---|---|---|---|---|---|---|---|");
		long maxServiceHeap = 0;
		for (ProcessSampler.Usage usage : usages) {
			if (SERVICES.contains(usage.name())) {
				maxServiceHeap = Math.max(maxServiceHeap, usage.peakHeapBytes());
			}
			out(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.3f | %.2f | %s | %s |", usage.name(),
					usage.pid(), usage.cpuMillis() / 1000.0, usage.jitMillis() / 1000.0,
					usage.cpuMillis() / (double) Math.max(1, accepted), usage.peakCpu(),
					(usage.peakHeapBytes() > 0) ? mb(usage.peakHeapBytes()) : "-", mb(usage.peakRssBytes())));
		}
		if (!postgresByDatabase.isEmpty()) {
			StringBuilder line = new StringBuilder("PostgreSQL server CPU by database (live backends):");
			int texts = Math.max(1, accepted);
			postgresByDatabase.forEach((database, millis) -> line.append(String.format(Locale.ROOT,
					" %s %.1f s (%.3f ms/text);", database, millis / 1000.0, millis / (double) texts)));
			long serverMillis = usages.stream()
				.filter((usage) -> usage.name().equals("postgres (server)"))
				.mapToLong(ProcessSampler.Usage::cpuMillis)
				.sum();
			long rest = serverMillis - postgresByDatabase.values().stream().mapToLong(Long::longValue).sum();
			line.append(String.format(Locale.ROOT,
					" postmaster and exited processes (autovacuum workers, closed connections) %.1f s (%.3f ms/text)",
					rest / 1000.0, rest / (double) texts));
			out(line.toString());
		}
		out("");
		out("Targets (2 cores, everything co-located):");
		target("throughput request → final >= 2,000 texts/s", finalRate >= TARGET_THROUGHPUT,
				String.format(Locale.ROOT, "%,.0f", finalRate));
		target("CPU <= 1 ms per text (whole stack)", cpuPerText <= TARGET_CPU_MS,
				String.format(Locale.ROOT, "%.3f ms", cpuPerText));
		target("p99 request → carrier <= 250 ms, unthrottled (meant at half the peak rate)",
				carrierFirst.p99() <= TARGET_P99_MS, String.format(Locale.ROOT, "%.1f ms", carrierFirst.p99()));
		target("each service's heap <= 256 MB", maxServiceHeap <= TARGET_HEAP, mb(maxServiceHeap));
		target("min gap >= interval, 0 violations",
				audit.violations() == 0
						&& (audit.minGapMillis() < 0 || audit.minGapMillis() >= this.options.intervalMillis),
				audit.violations() + " violations");
		target("0 lost, 0 duplicates", lost == 0 && audit.duplicates() == 0,
				lost + " lost, " + audit.duplicates() + " duplicates");

		Path chart = (this.options.chart != null) ? this.options.chart
				: this.options.stateDir.resolve("bench").resolve(this.runId + ".svg");
		writeChart(chart, timeline, plan.size());
		out("");
		out("chart: " + chart);

		ResultLine result = new ResultLine(plan.size(), finalRate, kafkaCeiling, carrierCeiling, cpuPerText,
				carrierFirst.p99(), audit.minGapMillis(), audit.violations(), lost, audit.duplicates());
		out(result.format());
		if (this.options.report != null) {
			Path parent = this.options.report.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(this.options.report, this.report);
		}
		return 0;
	}

	private void writeChart(Path chart, Timeline timeline, int texts) throws IOException {
		Path parent = chart.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		String subtitle = String.format(Locale.ROOT, "%,d texts via %s, %s, %d cores, %s", texts,
				this.options.via.name().toLowerCase(Locale.ROOT),
				(this.options.rate > 0) ? String.format(Locale.ROOT, "offered %,.0f/s", this.options.rate) : "flat out",
				Runtime.getRuntime().availableProcessors(),
				ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
		Files.writeString(chart,
				SvgChart.render(timeline, "SMS pipeline, end to end: throughput and latency per second", subtitle));
	}

	/**
	 * Clears the simulator's log, idempotency cache and per-number state, waiting for the
	 * callbacks it still owes, so that it starts the next phase empty.
	 */
	private void clearCarrier() throws IOException, InterruptedException {
		if (!this.options.clearCarrierLog) {
			return;
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			String stats = http
				.send(HttpRequest.newBuilder(URI.create(this.options.carrierUrl + "/sim/stats")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			if (stats.replace(" ", "").contains("\"pendingCallbacks\":0")) {
				break;
			}
			Thread.sleep(500);
		}
		http.send(HttpRequest.newBuilder(URI.create(this.options.carrierUrl + "/sim/messages")).DELETE().build(),
				HttpResponse.BodyHandlers.discarding());
	}

	private int finalCount(RequestLog log, StatusCollector collector) {
		int finals = 0;
		for (int seq = 0; seq < log.size(); seq++) {
			if (!log.accepted(seq)) {
				continue;
			}
			String messageId = (log.messageIds[seq] != null) ? log.messageIds[seq]
					: collector.messageIdForKey(log.keys[seq]);
			StatusCollector.Timing timing = collector.timing(messageId);
			if (timing != null && timing.finalMicros != 0) {
				finals++;
			}
		}
		return finals;
	}

	private Thread progressThread(RequestLog log, StatusCollector collector) {
		long start = System.nanoTime();
		Thread thread = new Thread(() -> {
			try {
				while (!Thread.currentThread().isInterrupted()) {
					Thread.sleep(2000);
					progress(String.format(Locale.ROOT,
							"  %5.1f s: answered %,d, accepted %,d, final %,d, status events %,d",
							(System.nanoTime() - start) / 1e9, log.answeredCount(), log.acceptedCount(),
							finalCount(log, collector), collector.events()));
				}
			}
			catch (InterruptedException ex) {
				// done
			}
		}, "bench-progress");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/**
	 * Texts per second over the middle 80 % of final statuses (ramp-up and tail left
	 * out).
	 */
	static double middleRate(List<Long> finalMicros) {
		if (finalMicros.size() < 10) {
			return Double.NaN;
		}
		long[] sorted = finalMicros.stream().mapToLong(Long::longValue).sorted().toArray();
		int from = sorted.length / 10;
		int to = sorted.length - 1 - sorted.length / 10;
		double seconds = (sorted[to] - sorted[from]) / 1e6;
		return (seconds > 0) ? (to - from) / seconds : Double.NaN;
	}

	private static double rate(int count, long fromMicros, long toMicros) {
		return (count == 0 || toMicros <= fromMicros) ? Double.NaN : count / ((toMicros - fromMicros) / 1e6);
	}

	private static double[] unbox(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private void checkStack() throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
		Map<String, String> health = new LinkedHashMap<>();
		health.put("campaign-service", this.options.campaignUrl + "/actuator/health");
		health.put("dispatch-service", this.options.dispatchUrl + "/actuator/health");
		health.put("status-service", this.options.statusUrl + "/actuator/health");
		health.put("carrier-simulator", this.options.carrierUrl + "/health");
		health.put("schema-registry", this.options.registryUrl + "/subjects");
		for (Map.Entry<String, String> part : health.entrySet()) {
			try {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(URI.create(part.getValue())).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException(part.getKey() + " is not healthy (" + part.getValue() + " answered "
							+ response.statusCode() + "); start the stack with ./local-stack.sh start");
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(part.getKey() + " does not answer at " + part.getValue()
						+ "; start the stack with ./local-stack.sh start", ex);
			}
		}
	}

	private static String machine() {
		long memKb = 0;
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return String.format(Locale.ROOT, "%d cores, %.0f GiB RAM, %s %s (%s), %s %s",
				Runtime.getRuntime().availableProcessors(), memKb / 1024.0 / 1024.0, System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"), System.getProperty("java.vendor"),
				System.getProperty("os.name"), System.getProperty("os.version"));
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.0f MB", bytes / 1024.0 / 1024.0);
	}

	private void row(String measure, String result) {
		out("| " + measure + " | " + result + " |");
	}

	private void target(String name, boolean met, String value) {
		out("  [" + (met ? "met   " : "MISSED") + "] " + name + ": " + value);
	}

	private void out(String line) {
		PrintStream stdout = System.out;
		stdout.println(line);
		stdout.flush();
		this.report.append(line).append('\n');
	}

	private static void progress(String line) {
		System.err.println(line);
	}

}
