package dev.smspipeline.bench;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.concurrent.ThreadLocalRandom;

import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.stackclient.CarrierEntry;
import dev.smspipeline.stackclient.SimulatorClient;

/**
 * The end-to-end benchmark of the running local stack ({@code ./local-stack.sh bench}).
 * <ol>
 * <li>Ceilings: the broker's raw produce-to-consume rate of the pipeline's Avro records
 * ({@link KafkaCeiling}) and the carrier simulator's accept rate driven directly
 * ({@link CarrierCeiling}).</li>
 * <li>Warm-up: a few texts through the whole pipeline, waited for, not measured.</li>
 * <li>Measurement: {@code --messages} texts to {@code --numbers} numbers through the
 * public entry points ({@link LoadGenerator}), timed on {@code sms.delivery-status}
 * ({@link StatusCollector}) and at the carrier ({@link SimulatorClient#entries},
 * {@link CarrierGapAudit}), CPU and memory of every process sampled
 * ({@link ProcessSampler}): collected as a {@link Run}, computed into {@link Figures},
 * printed by a {@link Report}.</li>
 * <li>Report, chart ({@link SvgChart}) and the {@link ResultLine} last.</li>
 * </ol>
 * With {@code --scenario priority|fairness|cancel} it runs one of the issue 16 scenarios
 * instead ({@link ScenarioBenchmark}).
 */
public final class PipelineBenchmark {

	private final BenchOptions options;

	private final BenchClock clock = new BenchClock();

	private final SimulatorClient carrier;

	private final StringBuilder report = new StringBuilder();

	private final String runId;

	private PipelineBenchmark(BenchOptions options) {
		this.options = options;
		this.carrier = new SimulatorClient(options.carrierUrl);
		this.runId = DateTimeFormatter.ofPattern("HHmmss").format(ZonedDateTime.now())
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
	}

	public static void main(String[] args) {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
		if (ScenarioOptions.wanted(args)) {
			ScenarioBenchmark.main(args);
			return;
		}
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

	/**
	 * The measured run: collect what happened, compute the figures, report them.
	 */
	private int measure(StatusCollector collector, LoadGenerator generator, ProcessSampler sampler, double kafkaCeiling,
			double carrierCeiling) throws Exception {
		Run run = collect(collector, generator, sampler);
		Figures figures = Figures.of(run);
		Report report = new Report(this.options, this::out);
		report.figures(run, figures, kafkaCeiling, carrierCeiling);
		Path chart = (this.options.chart != null) ? this.options.chart
				: this.options.stateDir.resolve("bench").resolve(this.runId + ".svg");
		writeChart(chart, figures.timeline(), run.plan().size(), report.offered());
		report.result(chart, Report.resultLine(run, figures, kafkaCeiling, carrierCeiling));
		if (this.options.report != null) {
			Path parent = this.options.report.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(this.options.report, this.report);
		}
		return 0;
	}

	/**
	 * Sends the planned texts, waits for them to drain, and reads what the status stream,
	 * the carrier and the process sampler saw of them.
	 */
	private Run collect(StatusCollector collector, LoadGenerator generator, ProcessSampler sampler)
			throws IOException, InterruptedException {
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
		List<CarrierEntry> entries = this.carrier
			.entries((entry) -> entry.receivedAt() >= since && numbers.contains(entry.to()));
		CarrierGapAudit.Result audit = CarrierGapAudit.audit(entries, this.options.intervalMillis);

		List<Run.Text> texts = new ArrayList<>(plan.size());
		for (PlannedText text : plan) {
			texts.add(text(text, log, collector, audit));
		}
		return new Run(plan, texts, audit, usages, postgresByDatabase, idleCores, loadStart, loadEnd, drainEnd,
				loadAfter);
	}

	private static Run.Text text(PlannedText text, RequestLog log, StatusCollector collector,
			CarrierGapAudit.Result audit) {
		int seq = text.seq();
		if (!log.accepted(seq)) {
			return new Run.Text(text, log.sentMicros[seq], log.answeredMicros[seq], log.statuses[seq], false, -1, 0, 0,
					0, 0, null);
		}
		String messageId = messageId(log, seq, collector);
		Long carrierAccept = (messageId != null) ? audit.firstAcceptById().get(messageId) : null;
		StatusCollector.Timing timing = collector.timing(messageId);
		long atCarrierMicros = 0;
		long atCarrierRecordMillis = 0;
		long finalMicros = 0;
		long finalRecordMillis = 0;
		String finalStatus = null;
		if (timing != null) {
			atCarrierMicros = timing.atCarrierMicros;
			atCarrierRecordMillis = timing.atCarrierRecordMillis;
			MessageStatus status = timing.finalStatus;
			if (status != null) {
				finalMicros = timing.finalMicros;
				finalRecordMillis = timing.finalRecordMillis;
				finalStatus = status.name();
			}
		}
		return new Run.Text(text, log.sentMicros[seq], log.answeredMicros[seq], log.statuses[seq], true,
				(carrierAccept != null) ? carrierAccept : -1, atCarrierMicros, atCarrierRecordMillis, finalMicros,
				finalRecordMillis, finalStatus);
	}

	private static String messageId(RequestLog log, int seq, StatusCollector collector) {
		return (log.messageIds[seq] != null) ? log.messageIds[seq] : collector.messageIdForKey(log.keys[seq]);
	}

	private void writeChart(Path chart, Timeline timeline, int texts, String offered) throws IOException {
		Path parent = chart.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		String subtitle = String.format(Locale.ROOT, "%,d texts via %s, %s, %d cores, %s", texts,
				this.options.via.name().toLowerCase(Locale.ROOT), offered, Runtime.getRuntime().availableProcessors(),
				ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
		Files.writeString(chart,
				SvgChart.render(timeline, "SMS pipeline, end to end: throughput and latency per second", subtitle));
	}

	/**
	 * Clears the simulator's log, idempotency cache and per-number state, waiting for the
	 * callbacks it still owes, so that it starts the next phase empty.
	 */
	private void clearCarrier() throws InterruptedException {
		if (this.options.clearCarrierLog) {
			LocalStack.clearCarrierLog(this.carrier);
		}
	}

	private int finalCount(RequestLog log, StatusCollector collector) {
		int finals = 0;
		for (int seq = 0; seq < log.size(); seq++) {
			if (!log.accepted(seq)) {
				continue;
			}
			StatusCollector.Timing timing = collector.timing(messageId(log, seq, collector));
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

	private void checkStack() {
		Map<String, String> health = new LinkedHashMap<>();
		health.put("campaign-service", this.options.campaignUrl + "/readyz");
		health.put("dispatch-service", this.options.dispatchUrl + "/readyz");
		health.put("status-service", this.options.statusUrl + "/readyz");
		health.put("carrier-simulator", this.options.carrierUrl + "/health");
		health.put("schema-registry", this.options.registryUrl + "/subjects");
		LocalStack.requireHealthy(health);
	}

	static String machine() {
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

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
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
