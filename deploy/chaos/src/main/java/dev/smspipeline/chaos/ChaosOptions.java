package dev.smspipeline.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line options of {@link ChaosSuite}: scenario names, then {@code --name value}
 * or {@code --name=value} options.
 *
 * @param scenarios the scenario names given (empty: every fault scenario)
 * @param messages texts per campaign
 * @param faultDuration how long outages and carrier faults last
 * @param triggerShare share of the campaign's texts the carrier accepts before the fault
 * @param deliveryWindow status-service's delivery window during the run
 * @param settleTimeout longest wait for every text to be final, after the fault ended
 * @param seed seed of the first campaign's recipients (each scenario adds its index)
 * @param report a file that also gets the report, or {@code null}
 * @param prepare whether to restart parts whose settings are not the chaos ones
 * @param list only list the scenarios
 * @param help only print the usage
 */
record ChaosOptions(List<String> scenarios, int messages, Duration faultDuration, double triggerShare,
		Duration deliveryWindow, Duration settleTimeout, long seed, Path report, boolean prepare, boolean list,
		boolean help) {

	static final String USAGE = """
			Usage: ChaosSuite [scenario...] [options]   (./local-stack.sh chaos [scenario...] [options] passes the
			stack's ports; the API key is read from .local-stack/api-key)

			Scenarios (default: all but baseline, in this order):
			  kill-dispatch kill-status kill-campaign   kill -9 of the service, started again at once
			  restart-kafka                             ./local-stack.sh restart kafka
			  registry-down postgres-down               the part stopped for --fault-seconds, then started
			  carrier-500 carrier-timeout               the carrier simulator's fault for --fault-seconds
			  baseline                                  no fault, for comparison
			Options:
			  --messages N          texts per campaign (default 5000; up to 10000, the inline audience limit)
			  --fault-seconds S     length of outages and carrier faults (default 30)
			  --trigger-share F     share of the texts the carrier accepts before the fault, 0..1 (default 0.2)
			  --delivery-window S   status-service's sms.status.delivery-window in seconds during the run, so
			                        silent numbers end DELIVERY_UNKNOWN (default 60)
			  --settle-timeout S    longest wait for every text to be final after the fault (default: window + 300)
			  --seed X              seed of the recipient numbers (default: from the clock)
			  --report FILE         also write the Markdown report and the CHAOS lines to FILE
			  --no-prepare          do not restart status-service with the short delivery window
			  --list                list the scenarios
			""";

	private static final Set<String> FLAGS = Set.of("no-prepare", "list", "help");

	static ChaosOptions parse(String... args) {
		List<String> scenarios = new ArrayList<>();
		int messages = 5000;
		long faultSeconds = 30;
		double triggerShare = 0.2;
		long windowSeconds = 60;
		Long settleSeconds = null;
		long seed = System.currentTimeMillis();
		Path report = null;
		boolean prepare = true;
		boolean list = false;
		boolean help = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				scenarios.add(arg);
				continue;
			}
			String name = arg.substring(2);
			String value = null;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				value = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			if (FLAGS.contains(name)) {
				switch (name) {
					case "no-prepare" -> prepare = false;
					case "list" -> list = true;
					default -> help = true;
				}
				continue;
			}
			if (value == null) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("--" + name + " needs a value");
				}
				value = args[++i];
			}
			switch (name) {
				case "messages" -> messages = (int) number(name, value, 1, 10_000);
				case "fault-seconds" -> faultSeconds = number(name, value, 1, 3_600);
				case "trigger-share" -> triggerShare = share(name, value);
				case "delivery-window" -> windowSeconds = number(name, value, 5, 172_800);
				case "settle-timeout" -> settleSeconds = number(name, value, 10, 86_400);
				case "seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
				case "report" -> report = Path.of(value);
				default -> throw new IllegalArgumentException("unknown option --" + name);
			}
		}
		Duration window = Duration.ofSeconds(windowSeconds);
		Duration settle = (settleSeconds != null) ? Duration.ofSeconds(settleSeconds) : window.plusSeconds(300);
		return new ChaosOptions(List.copyOf(scenarios), messages, Duration.ofSeconds(faultSeconds), triggerShare,
				window, settle, seed, report, prepare, list, help);
	}

	private static long number(String name, String value, long min, long max) {
		long number;
		try {
			number = Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'", ex);
		}
		if (number < min || number > max) {
			throw new IllegalArgumentException(
					String.format(Locale.ROOT, "--%s must be from %d to %d, not %d", name, min, max, number));
		}
		return number;
	}

	private static double share(String name, String value) {
		double share;
		try {
			share = Double.parseDouble(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number from 0 to 1, not '" + value + "'", ex);
		}
		if (!(share >= 0 && share <= 1)) {
			throw new IllegalArgumentException("--" + name + " must be from 0 to 1, not " + value);
		}
		return share;
	}

}
