package dev.smspipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of {@link PipelineBenchmark}: {@code --name value} or
 * {@code --name=value}.
 */
final class BenchOptions {

	static final String USAGE = """
			Usage: PipelineBenchmark [options]   (./local-stack.sh bench [options] passes the stack's ports and credentials)

			Load:
			  --messages N          texts to measure (default 20000)
			  --numbers M           distinct recipient numbers at most (default: N)
			  --repeat-share S      share of texts to a number already used in the run, 0..1 (default 0.1)
			  --rate R              offered texts per second (default 0: flat out)
			  --via rest|kafka|mixed  POST /api/v1/messages, crm.sms-requests, or both (default rest)
			  --in-flight K         REST requests in flight at once (default 64)
			  --warmup W            texts sent and finished before the measurement (default N/4, 500 to 5000)
			  --drain-timeout S     seconds to wait for final statuses after the last request (default 120)
			  --interval-ms I       per-number interval the carrier log is audited against (default 1000)
			  --seed X              random seed of the recipient plan (default: from the clock)
			  --stream-isolation L  how sms.delivery-status is read: read_committed (default, as any
			                        downstream consumer) or read_uncommitted (to see what transactions hold back)
			Ceilings:
			  --ceiling-messages C  records / creates for each ceiling (default 20000)
			  --no-ceilings         skip both ceilings
			  --keep-carrier-log    do not clear the simulator (DELETE /sim/messages) before the ceilings and
			                        before the measurement; by default it is cleared, because its log and
			                        idempotency cache fill its 256 MB heap after a few hundred thousand creates
			Output:
			  --chart FILE          SVG of throughput and latency per second (default .local-stack/bench/<run>.svg)
			  --report FILE         also write the report (everything printed on stdout) to FILE
			Stack (defaults: the local stack's):
			  --campaign-url U --status-url U --dispatch-url U --carrier-url U --kafka HOST:PORT --registry-url U
			  --state-dir DIR (.local-stack: pid files, api-key, carrier.env) --account ID (demo)
			Issue 16 scenarios instead (a campaign and one-off texts, two accounts' campaigns, a cancel):
			  --scenario priority|fairness|cancel   (--scenario priority --help lists their options)
			""";

	private static final Set<String> FLAGS = Set.of("no-ceilings", "keep-carrier-log", "help");

	final int messages;

	final int numbers;

	final double repeatShare;

	final double rate;

	final Via via;

	final int inFlight;

	final int warmup;

	final int drainTimeoutSeconds;

	final long intervalMillis;

	final long seed;

	final int ceilingMessages;

	final boolean ceilings;

	final boolean clearCarrierLog;

	final Path chart;

	final Path report;

	final String campaignUrl;

	final String statusUrl;

	final String dispatchUrl;

	final String carrierUrl;

	final String kafka;

	final String registryUrl;

	final Path stateDir;

	final String account;

	final String streamIsolation;

	final boolean help;

	private BenchOptions(Map<String, String> values) {
		this.help = values.containsKey("help");
		this.messages = OptionArgs.positive(values, "messages", 20_000);
		this.numbers = OptionArgs.positive(values, "numbers", this.messages);
		this.repeatShare = Double.parseDouble(values.getOrDefault("repeat-share", "0.1"));
		if (this.repeatShare < 0 || this.repeatShare > 1) {
			throw new IllegalArgumentException("--repeat-share must be from 0 to 1");
		}
		this.rate = Double.parseDouble(values.getOrDefault("rate", "0"));
		this.via = Via.valueOf(values.getOrDefault("via", "rest").toUpperCase(Locale.ROOT));
		this.inFlight = OptionArgs.positive(values, "in-flight", 64);
		this.warmup = nonNegative(values, "warmup", Math.min(5_000, Math.max(500, this.messages / 4)));
		this.drainTimeoutSeconds = OptionArgs.positive(values, "drain-timeout", 120);
		this.intervalMillis = OptionArgs.positive(values, "interval-ms", 1000);
		this.seed = Long.parseLong(values.getOrDefault("seed", Long.toString(System.currentTimeMillis())));
		this.ceilingMessages = OptionArgs.positive(values, "ceiling-messages", 20_000);
		this.clearCarrierLog = !values.containsKey("keep-carrier-log");
		this.ceilings = !values.containsKey("no-ceilings");
		this.stateDir = Path.of(values.getOrDefault("state-dir", ".local-stack"));
		this.chart = values.containsKey("chart") ? Path.of(values.get("chart")) : null;
		this.report = values.containsKey("report") ? Path.of(values.get("report")) : null;
		this.campaignUrl = OptionArgs.url(values, "campaign-url", "http://localhost:8081");
		this.statusUrl = OptionArgs.url(values, "status-url", "http://localhost:8083");
		this.dispatchUrl = OptionArgs.url(values, "dispatch-url", "http://localhost:8082");
		this.carrierUrl = OptionArgs.url(values, "carrier-url", "http://localhost:8090");
		this.kafka = values.getOrDefault("kafka", "localhost:9092");
		this.registryUrl = OptionArgs.url(values, "registry-url", "http://localhost:8085");
		this.account = values.getOrDefault("account", "demo");
		this.streamIsolation = values.getOrDefault("stream-isolation", "read_committed");
		if (!this.streamIsolation.equals("read_committed") && !this.streamIsolation.equals("read_uncommitted")) {
			throw new IllegalArgumentException("--stream-isolation must be read_committed or read_uncommitted");
		}
	}

	static BenchOptions parse(String... args) {
		return new BenchOptions(OptionArgs.read(args, FLAGS));
	}

	String apiKey() throws IOException {
		return Files.readString(this.stateDir.resolve("api-key")).strip();
	}

	/** {@code CARRIER_ACCOUNT_SID} and {@code CARRIER_AUTH_TOKEN} from carrier.env. */
	Map<String, String> carrierCredentials() throws IOException {
		Map<String, String> env = new HashMap<>();
		for (String line : Files.readAllLines(this.stateDir.resolve("carrier.env"))) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				env.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
			}
		}
		return env;
	}

	private static int nonNegative(Map<String, String> values, String name, int fallback) {
		int value = Integer.parseInt(values.getOrDefault(name, Integer.toString(fallback)));
		if (value < 0) {
			throw new IllegalArgumentException("--" + name + " must not be negative");
		}
		return value;
	}

}
