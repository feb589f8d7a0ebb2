package dev.smspipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the issue 16 scenarios ({@link ScenarioBenchmark}):
 * {@code --name value} or {@code --name=value}, parsed as {@link BenchOptions} parses the
 * pipeline benchmark's.
 */
final class ScenarioOptions {

	static final String USAGE = """
			Usage: ./local-stack.sh bench --scenario priority|fairness|cancel|uploads [options]
			       (without --scenario, or with --scenario pipeline: the end-to-end pipeline benchmark)

			--scenario priority   a campaign of --leads texts, and --after into it --one-offs one-off
			                      (transactional) texts --gap apart: their wait from request to carrier,
			                      and the campaign's throughput
			  --leads N             campaign recipients (default 30000)
			  --one-offs K          one-off texts (default 20)
			  --after D             when the first one-off is requested, after activation (default 20s)
			  --gap D               between one-off requests (default 250ms)
			  --alone               the same campaign without one-offs: the throughput baseline
			  --alone-throughput R  a baseline's campaign texts/s, to compare this run against
			--scenario fairness   the demo and bench accounts each activate a campaign of --leads at once
			  --leads N             recipients per campaign (default 20000)
			--scenario cancel     a campaign canceled --cancel-after into SENDING: what reached the carrier
			                      after the cancel, and the final statuses
			  --leads N             campaign recipients (default 100000)
			  --cancel-after D      how long after SENDING to cancel (default 10s)
			--scenario uploads    --upload-clients clients of the demo account each upload a CSV to a DRAFT
			                      of their own, one line every --line-every, for --duration (a 429 is
			                      retried after its Retry-After), while the bench account requests a
			                      one-off every --gap: the one-off latency p50/p99/max (target p99 250 ms)
			  --upload-clients N    slow upload clients (default 10)
			  --line-every D        between two CSV lines of a client (default 20s)
			  --duration D          how long the clients upload and the one-offs go on (default 2m)
			  --gap D               between one-off requests (default 100ms)
			Common:
			  --warmup W            a campaign of W leads and 5 one-offs sent and waited for first, not
			                        measured (default 500; 0 skips it)
			  --timeout D           longest wait for a campaign to be SENT (default: 120s + 20ms per lead)
			  --keep-carrier-log    do not clear the simulator's log before the run
			  --report FILE         also write the report to FILE
			Stack (defaults: the local stack's): --campaign-url U --status-url U --carrier-url U
			  --state-dir DIR (.local-stack: api-key, bench-api-key)
			Durations: 500ms, 20s, 2m (a bare number is seconds).
			""";

	private static final Set<String> FLAGS = Set.of("alone", "keep-carrier-log", "help");

	/**
	 * Options of the pipeline benchmark that local-stack.sh passes and scenarios ignore.
	 */
	private static final Set<String> IGNORED = Set.of("dispatch-url", "registry-url", "kafka", "chart");

	private static final Set<String> KNOWN = Set.of("scenario", "leads", "one-offs", "after", "gap", "alone",
			"alone-throughput", "cancel-after", "upload-clients", "line-every", "duration", "warmup", "timeout",
			"keep-carrier-log", "report", "campaign-url", "status-url", "carrier-url", "state-dir", "help");

	final String scenario;

	final int leads;

	final int oneOffs;

	final Duration after;

	final Duration gap;

	final boolean alone;

	final double aloneThroughput;

	final Duration cancelAfter;

	final int uploadClients;

	final Duration lineEvery;

	final Duration duration;

	final int warmup;

	final Duration timeout;

	final boolean clearCarrierLog;

	final Path report;

	final String campaignUrl;

	final String statusUrl;

	final String carrierUrl;

	final Path stateDir;

	final boolean help;

	private final Map<String, String> given;

	private ScenarioOptions(Map<String, String> values) {
		this.given = values;
		this.help = values.containsKey("help");
		this.scenario = values.getOrDefault("scenario", "priority").toLowerCase(Locale.ROOT);
		if (!Set.of("priority", "fairness", "cancel", "uploads").contains(this.scenario)) {
			throw new IllegalArgumentException("--scenario must be priority, fairness, cancel, uploads or pipeline");
		}
		int defaultLeads = switch (this.scenario) {
			case "fairness" -> 20_000;
			case "cancel" -> 100_000;
			default -> 30_000;
		};
		this.leads = OptionArgs.positive(values, "leads", defaultLeads);
		if (this.leads > 8_000_000) {
			throw new IllegalArgumentException("--leads must be at most 8000000");
		}
		this.oneOffs = OptionArgs.positive(values, "one-offs", 20);
		this.after = duration(values, "after", "20s");
		this.gap = duration(values, "gap", this.scenario.equals("uploads") ? "100ms" : "250ms");
		this.alone = values.containsKey("alone");
		this.aloneThroughput = Double.parseDouble(values.getOrDefault("alone-throughput", "NaN"));
		this.cancelAfter = duration(values, "cancel-after", "10s");
		this.uploadClients = OptionArgs.positive(values, "upload-clients", 10);
		this.lineEvery = duration(values, "line-every", "20s");
		this.duration = duration(values, "duration", "2m");
		if (this.scenario.equals("uploads")
				&& (this.lineEvery.isZero() || this.duration.isZero() || this.gap.isZero())) {
			throw new IllegalArgumentException("--line-every, --duration and --gap must be above zero");
		}
		this.warmup = Integer.parseInt(values.getOrDefault("warmup", "500"));
		if (this.warmup < 0) {
			throw new IllegalArgumentException("--warmup must not be negative");
		}
		this.timeout = values.containsKey("timeout") ? duration(values, "timeout", "0")
				: Duration.ofSeconds(120).plusMillis(20L * this.leads);
		this.clearCarrierLog = !values.containsKey("keep-carrier-log");
		this.report = values.containsKey("report") ? Path.of(values.get("report")) : null;
		this.campaignUrl = OptionArgs.url(values, "campaign-url", "http://localhost:8081");
		this.statusUrl = OptionArgs.url(values, "status-url", "http://localhost:8083");
		this.carrierUrl = OptionArgs.url(values, "carrier-url", "http://localhost:8090");
		this.stateDir = Path.of(values.getOrDefault("state-dir", ".local-stack"));
	}

	/**
	 * Whether the arguments ask for an issue 16 scenario rather than the pipeline
	 * benchmark.
	 * @param args the command line
	 * @return {@code true} for {@code --scenario} other than {@code pipeline}
	 */
	static boolean wanted(String... args) {
		for (int i = 0; i < args.length; i++) {
			String value = null;
			if (args[i].equals("--scenario") && i + 1 < args.length) {
				value = args[i + 1];
			}
			else if (args[i].startsWith("--scenario=")) {
				value = args[i].substring("--scenario=".length());
			}
			if (value != null) {
				return !value.equalsIgnoreCase("pipeline");
			}
		}
		return false;
	}

	static ScenarioOptions parse(String... args) {
		Map<String, String> values = new HashMap<>();
		OptionArgs.read(args, FLAGS).forEach((name, value) -> {
			if (IGNORED.contains(name)) {
				return;
			}
			if (!KNOWN.contains(name)) {
				throw new IllegalArgumentException("unknown option --" + name + " for a scenario");
			}
			values.put(name, value);
		});
		return new ScenarioOptions(values);
	}

	/**
	 * Parses a duration: {@code 250ms}, {@code 20s}, {@code 2m}, or a bare number of
	 * seconds ({@code 1.5}).
	 * @param text the duration
	 * @return it
	 */
	static Duration duration(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		double seconds;
		if (value.endsWith("ms")) {
			seconds = Double.parseDouble(value.substring(0, value.length() - 2)) / 1000;
		}
		else if (value.endsWith("s")) {
			seconds = Double.parseDouble(value.substring(0, value.length() - 1));
		}
		else if (value.endsWith("m")) {
			seconds = Double.parseDouble(value.substring(0, value.length() - 1)) * 60;
		}
		else {
			seconds = Double.parseDouble(value);
		}
		if (seconds < 0) {
			throw new IllegalArgumentException("a duration must not be negative: " + text);
		}
		return Duration.ofMillis(Math.round(seconds * 1000));
	}

	/** The options as given, for the report. */
	String describe() {
		StringBuilder line = new StringBuilder("--scenario ").append(this.scenario);
		if (!this.scenario.equals("uploads")) {
			line.append(" --leads ").append(this.leads);
		}
		switch (this.scenario) {
			case "priority" -> {
				if (this.alone) {
					line.append(" --alone");
				}
				else {
					line.append(" --one-offs ")
						.append(this.oneOffs)
						.append(" --after ")
						.append(seconds(this.after))
						.append(" --gap ")
						.append(this.gap.toMillis())
						.append("ms");
				}
			}
			case "cancel" -> line.append(" --cancel-after ").append(seconds(this.cancelAfter));
			case "uploads" -> line.append(" --upload-clients ")
				.append(this.uploadClients)
				.append(" --line-every ")
				.append(seconds(this.lineEvery))
				.append(" --duration ")
				.append(seconds(this.duration))
				.append(" --gap ")
				.append(this.gap.toMillis())
				.append("ms");
			default -> {
			}
		}
		line.append(" --warmup ").append(this.warmup).append(" --timeout ").append(seconds(this.timeout));
		if (!this.clearCarrierLog) {
			line.append(" --keep-carrier-log");
		}
		return line.toString();
	}

	boolean given(String name) {
		return this.given.containsKey(name);
	}

	String apiKey() throws IOException {
		return key("api-key");
	}

	String benchApiKey() throws IOException {
		Path file = this.stateDir.resolve("bench-api-key");
		if (!Files.isReadable(file)) {
			throw new IllegalStateException("no " + file + ": the 'bench' account is created by ./local-stack.sh start "
					+ "(stop and start the stack once to have it)");
		}
		return key("bench-api-key");
	}

	private String key(String name) throws IOException {
		return Files.readString(this.stateDir.resolve(name)).strip();
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
	}

	private static Duration duration(Map<String, String> values, String name, String fallback) {
		try {
			return duration(values.getOrDefault(name, fallback));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " is not a duration such as 250ms, 20s or 2m");
		}
	}

}
