package dev.smspipeline.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault scenarios, in the order {@code ./local-stack.sh chaos} runs them.
 */
final class Scenarios {

	private static final Map<String, Scenario> ALL = new LinkedHashMap<>();

	static {
		add(new KillAndRestart("kill-dispatch", "dispatch-service"));
		add(new KillAndRestart("kill-status", "status-service"));
		add(new KillAndRestart("kill-campaign", "campaign-service"));
		add(new BrokerRestart());
		add(new Outage("registry-down", "schema-registry"));
		add(new Outage("postgres-down", "postgres"));
		add(new CarrierFault("carrier-500", "ERROR_500", "the carrier answers every create HTTP 500"));
		add(new CarrierFault("carrier-timeout", "TIMEOUT",
				"the carrier takes every create but holds its answer past dispatch's request timeout"));
		add(new Baseline());
	}

	private Scenarios() {
	}

	private static void add(Scenario scenario) {
		ALL.put(scenario.name(), scenario);
	}

	/**
	 * Every scenario but the baseline, in run order.
	 * @return the scenarios
	 */
	static List<Scenario> faults() {
		return ALL.values().stream().filter((scenario) -> !(scenario instanceof Baseline)).toList();
	}

	/**
	 * The scenarios named, in the order given; {@code all} stands for every fault
	 * scenario.
	 * @param names the names
	 * @return the scenarios
	 * @throws IllegalArgumentException naming an unknown scenario and the known ones
	 */
	static List<Scenario> named(List<String> names) {
		if (names.isEmpty()) {
			return faults();
		}
		List<Scenario> scenarios = new ArrayList<>();
		for (String name : names) {
			if (name.equals("all")) {
				scenarios.addAll(faults());
				continue;
			}
			Scenario scenario = ALL.get(name);
			if (scenario == null) {
				throw new IllegalArgumentException(
						"unknown scenario '" + name + "'; scenarios are: all " + String.join(" ", ALL.keySet()));
			}
			scenarios.add(scenario);
		}
		return scenarios;
	}

	static Map<String, Scenario> all() {
		return ALL;
	}

	/**
	 * {@code kill -9} of a service's process, then {@code ./local-stack.sh start <part>}.
	 */
	record KillAndRestart(String name, String part) implements Scenario {

		@Override
		public String description(Duration faultDuration) {
			return "`kill -9` of " + this.part + " (its pid file), then `./local-stack.sh start " + this.part
					+ "` at once.";
		}

		@Override
		public FaultWindow inject(Context context) {
			long start = System.currentTimeMillis();
			long pid = context.control().kill9(this.part);
			context.log().println("  killed " + this.part + " (pid " + pid + ") with SIGKILL; starting it again");
			context.control().start(this.part);
			long end = System.currentTimeMillis();
			context.log().printf("  %s is healthy again after %.1f s%n", this.part, (end - start) / 1000.0);
			return new FaultWindow(start, end);
		}

	}

	/** {@code ./local-stack.sh restart kafka}. */
	record BrokerRestart() implements Scenario {

		@Override
		public String name() {
			return "restart-kafka";
		}

		@Override
		public String description(Duration faultDuration) {
			return "`./local-stack.sh restart kafka`: the broker stopped (SIGTERM) and started again; "
					+ "the services keep running.";
		}

		@Override
		public FaultWindow inject(Context context) {
			long start = System.currentTimeMillis();
			context.log().println("  restarting the Kafka broker");
			context.control().restart("kafka");
			long end = System.currentTimeMillis();
			context.log().printf("  kafka is healthy again after %.1f s%n", (end - start) / 1000.0);
			return new FaultWindow(start, end);
		}

	}

	/** {@code ./local-stack.sh stop <part>}, a wait, {@code start <part>}. */
	record Outage(String name, String part) implements Scenario {

		@Override
		public String description(Duration faultDuration) {
			return "`./local-stack.sh stop " + this.part + "`, " + faultDuration.toSeconds()
					+ " s down, then `./local-stack.sh start " + this.part + "`.";
		}

		@Override
		public FaultWindow inject(Context context) throws InterruptedException {
			long start = System.currentTimeMillis();
			context.control().stop(this.part);
			long stopped = System.currentTimeMillis();
			context.log()
				.printf("  %s stopped (%.1f s); down for %d s%n", this.part, (stopped - start) / 1000.0,
						context.faultDuration().toSeconds());
			Thread.sleep(context.faultDuration().toMillis());
			context.control().start(this.part);
			long end = System.currentTimeMillis();
			context.log().printf("  %s is healthy again after %.1f s in all%n", this.part, (end - start) / 1000.0);
			return new FaultWindow(start, end);
		}

	}

	/** A carrier simulator fault ({@code POST /sim/faults}) for the fault duration. */
	record CarrierFault(String name, String mode, String what) implements Scenario {

		@Override
		public String description(Duration faultDuration) {
			return "`POST /sim/faults {\"mode\": \"" + this.mode + "\", \"durationSeconds\": "
					+ faultDuration.toSeconds() + "}`: " + this.what + " for " + faultDuration.toSeconds() + " s.";
		}

		@Override
		public FaultWindow inject(Context context) throws InterruptedException {
			long start = System.currentTimeMillis();
			context.carrier().switchOn(this.mode, context.faultDuration());
			context.log().printf("  carrier fault %s on for %d s%n", this.mode, context.faultDuration().toSeconds());
			Thread.sleep(context.faultDuration().toMillis());
			long deadline = System.currentTimeMillis() + 10_000;
			while (!"NONE".equals(context.carrier().faultMode())) {
				if (System.currentTimeMillis() > deadline) {
					context.carrier().switchOff();
					break;
				}
				Thread.sleep(200);
			}
			long end = start + context.faultDuration().toMillis();
			context.log().println("  carrier fault " + this.mode + " off");
			return new FaultWindow(start, end);
		}

	}

	/** No fault: the same campaign and audit, for comparison. */
	record Baseline() implements Scenario {

		@Override
		public String name() {
			return "baseline";
		}

		@Override
		public String description(Duration faultDuration) {
			return "No fault: the same campaign and audit, for comparison.";
		}

		@Override
		public FaultWindow inject(Context context) {
			long now = System.currentTimeMillis();
			return new FaultWindow(now, now);
		}

	}

}
