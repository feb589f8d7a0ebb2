package dev.smspipeline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import java.util.function.Supplier;

import dev.smspipeline.stackclient.CarrierEntry;
import dev.smspipeline.stackclient.SimulatorClient;

/**
 * The issue 16 benchmarks ("a big campaign must never hold up a workflow text") of the
 * running local stack,
 * {@code ./local-stack.sh bench --scenario priority|fairness|cancel|uploads}:
 * <ul>
 * <li>{@link PriorityScenario}: one-off texts requested during a big campaign, their wait
 * from request to carrier, and the campaign's throughput with and without them;</li>
 * <li>{@link FairnessScenario}: two accounts' campaigns activated at once, how long each
 * takes;</li>
 * <li>{@link CancelScenario}: a campaign canceled while SENDING, what still reached the
 * carrier and how its texts ended;</li>
 * <li>{@link UploadsScenario} (issue 17): slow CSV uploads of one account, the latency of
 * another account's one-off requests meanwhile.</li>
 * </ul>
 * Times at the carrier are the simulator's accept times ({@code GET /sim/messages}),
 * matched on recipient: every run uses numbers of its own.
 */
final class ScenarioBenchmark {

	/** Campaign recipients (the first account's in the fairness scenario). */
	static final NumberPool CAMPAIGN = new NumberPool(202, 305);

	/** The second account's campaign recipients in the fairness scenario. */
	static final NumberPool OTHER_CAMPAIGN = new NumberPool(404, 512);

	/** One-off texts. */
	static final NumberPool ONE_OFFS = new NumberPool(206);

	/** The warm-up's campaign and one-offs. */
	static final NumberPool WARMUP = new NumberPool(702);

	private static final int WARMUP_ONE_OFFS = 5;

	private static final Duration POLL = Duration.ofMillis(500);

	/** Below this many cores in use, the stack has no earlier work left. */
	private static final double QUIET_CORES = 0.3;

	private static final Duration QUIET_TIMEOUT = Duration.ofMinutes(3);

	final ScenarioOptions options;

	final SimulatorClient carrier;

	final String runId;

	private final StringBuilder report = new StringBuilder();

	private ScenarioBenchmark(ScenarioOptions options) {
		this.options = options;
		this.carrier = new SimulatorClient(options.carrierUrl);
		this.runId = DateTimeFormatter.ofPattern("HHmmss").format(ZonedDateTime.now())
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
	}

	static void main(String[] args) {
		ScenarioOptions options;
		try {
			options = ScenarioOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("error: " + ex.getMessage());
			System.err.print(ScenarioOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options.help) {
			System.out.print(ScenarioOptions.USAGE);
			return;
		}
		int code;
		try {
			ScenarioBenchmark bench = new ScenarioBenchmark(options);
			ScenarioResult result = switch (options.scenario) {
				case "fairness" -> new FairnessScenario(bench).run();
				case "cancel" -> new CancelScenario(bench).run();
				case "uploads" -> new UploadsScenario(bench).run();
				default -> new PriorityScenario(bench).run();
			};
			bench.out("");
			bench.out(result.format());
			bench.writeReport();
			code = 0;
		}
		catch (Exception ex) {
			System.err.println("error: the benchmark failed: " + ex);
			ex.printStackTrace();
			code = 1;
		}
		System.exit(code);
	}

	/**
	 * Checks the stack answers, prints the report's head and clears the simulator.
	 * @param title what the scenario measures
	 * @throws InterruptedException when interrupted
	 */
	void begin(String title) throws InterruptedException {
		checkStack();
		out("# Issue 16 benchmark: " + title + ", run " + this.runId);
		out("date:    " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		out("machine: " + PipelineBenchmark.machine());
		out("load:    " + PipelineBenchmark.loadAverage() + " (load average before the run; the cores are shared)");
		out("options: " + this.options.describe());
		out("");
		warmUp();
		awaitQuietStack();
		clearCarrier();
	}

	/**
	 * Waits until the stack has caught up with earlier work (the status store and
	 * callbacks of a previous run go on for a while after its last text reached the
	 * carrier), so a run does not pay for the one before it: the stack's processes
	 * together must use under {@link #QUIET_CORES} of a core over two seconds.
	 */
	private void awaitQuietStack() throws InterruptedException {
		try (ProcessSampler sampler = new ProcessSampler(this.options.stateDir)) {
			sampler.findProcesses();
			long start = System.currentTimeMillis();
			long deadline = start + QUIET_TIMEOUT.toMillis();
			double cores;
			do {
				cores = sampler.idleCpuMillis(2000) / 2000.0;
			}
			while (cores >= QUIET_CORES && System.currentTimeMillis() < deadline);
			out(String.format(Locale.ROOT, "Quiet stack: %.2f cores in use after %.0f s of waiting (%s %.2f)", cores,
					(System.currentTimeMillis() - start) / 1000.0, (cores < QUIET_CORES) ? "under" : "NOT under",
					QUIET_CORES));
		}
		catch (IOException ex) {
			out("Quiet stack: not checked (" + ex.getMessage() + ")");
		}
	}

	/**
	 * A small campaign and a few one-offs through the whole pipeline, waited for and not
	 * measured: the first texts after a start find the services cold (JIT, connection
	 * pools, Kafka metadata) and would be seconds late for reasons issue 16 is not about.
	 */
	private void warmUp() throws InterruptedException {
		if (this.options.warmup == 0) {
			return;
		}
		progress("Warm-up: a campaign of " + this.options.warmup + " and " + WARMUP_ONE_OFFS + " one-offs ...");
		CampaignApi api;
		try {
			api = new CampaignApi(this.options.campaignUrl, this.options.statusUrl, this.options.apiKey());
		}
		catch (IOException ex) {
			throw new IllegalStateException("no demo API key in " + this.options.stateDir, ex);
		}
		List<String> numbers = numbers(WARMUP, this.options.warmup + WARMUP_ONE_OFFS);
		long start = System.currentTimeMillis();
		String id = api.create("issue16-warmup-" + this.runId, numbers.subList(0, this.options.warmup));
		api.activate(id);
		numbers.subList(this.options.warmup, numbers.size()).forEach(api::sendOneOff);
		Seen seen = awaitSettled("warm-up campaign", () -> api.view(id));
		out(String.format(Locale.ROOT, "Warm-up: a campaign of %,d and %d one-offs, %s after %.1f s (not measured)",
				this.options.warmup, WARMUP_ONE_OFFS, seen.view().status(), (seen.seenAt() - start) / 1000.0));
		out("");
	}

	/**
	 * Fresh numbers of a pool: a random stretch of it, so runs hardly ever share one.
	 * @param pool the pool
	 * @param count how many
	 * @return the numbers
	 */
	static List<String> numbers(NumberPool pool, int count) {
		long start = ThreadLocalRandom.current().nextLong(0, pool.capacity() - count + 1);
		List<String> numbers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			numbers.add(pool.number(start + i));
		}
		return numbers;
	}

	/**
	 * Polls a campaign until it sends no more (SENT, DONE, CANCELED or FAILED), printing
	 * its progress now and then.
	 * @param label the campaign's name in the progress lines
	 * @param view reads it
	 * @return the first settled view, and the client's epoch milliseconds when it was
	 * seen
	 * @throws InterruptedException when interrupted
	 */
	Seen awaitSettled(String label, Supplier<CampaignApi.View> view) throws InterruptedException {
		long start = System.currentTimeMillis();
		long deadline = start + this.options.timeout.toMillis();
		long lastProgress = 0;
		while (true) {
			CampaignApi.View current = view.get();
			long now = System.currentTimeMillis();
			if (current.settled()) {
				return new Seen(current, now);
			}
			if (now > deadline) {
				throw new IllegalStateException(label + " is not sent after " + this.options.timeout.toSeconds()
						+ " s (" + current.describe() + "); raise --timeout");
			}
			if (now - lastProgress >= 5000) {
				progress(String.format(Locale.ROOT, "  %6.1f s: %s %s", (now - start) / 1000.0, label,
						current.describe()));
				lastProgress = now;
			}
			Thread.sleep(POLL.toMillis());
		}
	}

	/**
	 * The simulator's accepted creates to some recipients.
	 * @param recipients the numbers
	 * @return their entries
	 */
	List<CarrierEntry> carrierEntries(Set<String> recipients) {
		return this.carrier
			.entries((entry) -> entry.accepted() && entry.to() != null && recipients.contains(entry.to()));
	}

	/**
	 * Clears the simulator's log and per-number state, waiting for the callbacks it still
	 * owes (as {@link PipelineBenchmark} does), unless {@code --keep-carrier-log}.
	 */
	private void clearCarrier() throws InterruptedException {
		if (this.options.clearCarrierLog) {
			LocalStack.clearCarrierLog(this.carrier);
		}
	}

	private void checkStack() {
		Map<String, String> health = new LinkedHashMap<>();
		health.put("campaign-service", this.options.campaignUrl + "/readyz");
		health.put("status-service", this.options.statusUrl + "/readyz");
		health.put("carrier-simulator", this.options.carrierUrl + "/health");
		LocalStack.requireHealthy(health);
	}

	static Set<String> set(List<String> numbers) {
		return new HashSet<>(numbers);
	}

	static String clock(long epochMillis) {
		return DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
			.withZone(java.time.ZoneId.systemDefault())
			.format(Instant.ofEpochMilli(epochMillis));
	}

	static double seconds(long fromMillis, long toMillis) {
		return (fromMillis == 0 || toMillis == 0) ? Double.NaN : (toMillis - fromMillis) / 1000.0;
	}

	static double seconds(Instant from, Instant to) {
		return (from == null || to == null) ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
	}

	static String verdict(boolean met) {
		return met ? "met" : "NOT met";
	}

	void out(String line) {
		PrintStream stdout = System.out;
		stdout.println(line);
		stdout.flush();
		this.report.append(line).append('\n');
	}

	static void progress(String line) {
		System.err.println(line);
	}

	private void writeReport() throws IOException {
		if (this.options.report == null) {
			return;
		}
		Path parent = this.options.report.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(this.options.report, this.report);
	}

	/**
	 * A campaign view and when the client saw it.
	 *
	 * @param view the view
	 * @param seenAt epoch milliseconds
	 */
	record Seen(CampaignApi.View view, long seenAt) {
	}

}
