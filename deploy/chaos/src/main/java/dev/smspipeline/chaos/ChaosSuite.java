package dev.smspipeline.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.smspipeline.stackclient.SimulatorClient;

/**
 * Runs fault scenarios against the running local stack and audits every text of each.
 * Started by {@code ./local-stack.sh chaos [scenario...] [options]}; never by
 * {@code ./mvnw verify}. Prints progress, a Markdown section per scenario, a summary
 * table, and last one {@code CHAOS} line per scenario. Exits 1 when a scenario lost a
 * text, had the carrier accept one twice, or left records unprocessed.
 */
public final class ChaosSuite {

	private ChaosSuite() {
	}

	public static void main(String[] args) throws Exception {
		ChaosOptions options;
		try {
			options = ChaosOptions.parse(args);
			Scenarios.named(options.scenarios());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("error: " + ex.getMessage());
			System.err.print(ChaosOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.print(ChaosOptions.USAGE);
			return;
		}
		if (options.list()) {
			Scenarios.all()
				.values()
				.forEach((scenario) -> System.out.printf("%-16s %s%n", scenario.name(),
						scenario.description(options.faultDuration())));
			return;
		}
		StackEndpoints stack = StackEndpoints.fromEnvironment(System.getenv());
		System.exit(run(options, stack, System.out) ? 0 : 1);
	}

	static boolean run(ChaosOptions options, StackEndpoints stack, PrintStream out) throws InterruptedException {
		List<Scenario> scenarios = Scenarios.named(options.scenarios());
		StackControl control = new StackControl(stack, ChaosEnvironment.all(options.deliveryWindow()));
		out.printf("Chaos suite: %d scenario(s), %d texts each, faults of %d s, delivery window %d s (%s)%n",
				scenarios.size(), options.messages(), options.faultDuration().toSeconds(),
				options.deliveryWindow().toSeconds(), Instant.now());
		control.startMissing();
		if (options.prepare()) {
			prepare(control, options, out);
		}
		SimulatorClient carrier = new SimulatorClient(stack.carrierUrl());
		ScenarioRunner runner = new ScenarioRunner(stack, options, control, out);
		List<ScenarioResult> results = new ArrayList<>();
		List<String> lines = new ArrayList<>();
		StringBuilder report = new StringBuilder("## Chaos run " + Instant.now() + "\n\n");
		boolean passed = true;
		for (int i = 0; i < scenarios.size(); i++) {
			Scenario scenario = scenarios.get(i);
			out.printf("%n== %s (%d/%d): %s%n", scenario.name(), i + 1, scenarios.size(),
					scenario.description(options.faultDuration()));
			try {
				ScenarioResult result = runner.run(scenario, options.seed() + i);
				results.add(result);
				String detail = ReportTable.detail(result);
				out.println();
				out.print(detail);
				report.append(detail).append('\n');
				lines.add(ReportTable.chaosLine(result));
				out.println(ReportTable.chaosLine(result));
				passed &= result.passed();
			}
			catch (RuntimeException ex) {
				passed = false;
				out.println("  scenario failed to run: " + ex);
				String line = "CHAOS scenario=" + scenario.name() + " messages=" + options.messages()
						+ " final=-1 lost=-1 duplicates_accepted=-1 duplicates_refused=-1 recover_s=-1 result=ERROR";
				lines.add(line);
				report.append("### ").append(scenario.name()).append(" (ERROR)\n\n").append(ex).append("\n\n");
			}
			finally {
				try {
					carrier.switchOff();
				}
				catch (RuntimeException ex) {
					out.println("  could not switch carrier faults off: " + ex.getMessage());
				}
				control.startMissing();
			}
		}
		String summary = ReportTable.summary(results);
		out.println();
		out.print(summary);
		report.append(summary).append("\n```\n");
		out.println();
		for (String line : lines) {
			out.println(line);
			report.append(line).append('\n');
		}
		report.append("```\n");
		if (options.report() != null) {
			try {
				Files.writeString(options.report(), report.toString(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				out.println("could not write " + options.report() + ": " + ex);
			}
		}
		return passed;
	}

	/**
	 * Restarts each part whose environment lacks the chaos settings (status-service's
	 * short delivery window), so silent numbers end within the run.
	 */
	private static void prepare(StackControl control, ChaosOptions options, PrintStream out) {
		for (Map.Entry<String, Map<String, String>> part : ChaosEnvironment.byPart(options.deliveryWindow())
			.entrySet()) {
			Optional<Map<String, String>> env = control.environmentOf(part.getKey());
			if (env.isEmpty()) {
				out.println("note: cannot read the environment of " + part.getKey() + "; if it was not started with "
						+ part.getValue() + ", silent numbers stay in the outbox for 48 h");
				continue;
			}
			boolean ready = part.getValue()
				.entrySet()
				.stream()
				.allMatch((variable) -> variable.getValue().equals(env.get().get(variable.getKey())));
			if (!ready) {
				out.println("Restarting " + part.getKey() + " with " + part.getValue() + " for the run");
				control.restart(part.getKey());
			}
		}
	}

}
