package dev.smspipeline.chaos;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Formats results: a Markdown section per scenario, a Markdown summary table of a run,
 * and the machine-readable {@code CHAOS} line per scenario.
 */
final class ReportTable {

	private ReportTable() {
	}

	/**
	 * The machine-readable line of one scenario:
	 * {@code CHAOS scenario=<name> messages=<n> final=<n> lost=<n> duplicates_accepted=<n>
	 * duplicates_refused=<n> recover_s=<x>}, then {@code given_up}, {@code unexpected},
	 * {@code dlt}, {@code unprocessed} and {@code result=PASS|FAIL}. A recovery never
	 * seen is {@code -1}.
	 * @param result the result
	 * @return the line
	 */
	static String chaosLine(ScenarioResult result) {
		Audit.Result audit = result.audit();
		return "CHAOS scenario=" + result.scenario() + " messages=" + audit.messages() + " final=" + audit.finals()
				+ " lost=" + audit.lost() + " duplicates_accepted="
				+ (audit.duplicatesAccepted() + audit.acceptedUnderOtherKey()) + " duplicates_refused="
				+ audit.duplicatesRefused() + " recover_s=" + seconds(result.recoverSeconds()) + " given_up="
				+ audit.givenUp() + " unexpected=" + audit.unexpected() + " dlt=" + result.dltRecords()
				+ " unprocessed=" + result.unprocessedRecords() + " result=" + (result.passed() ? "PASS" : "FAIL");
	}

	/**
	 * One row per scenario.
	 * @param results the results, in run order
	 * @return a Markdown table
	 */
	static String summary(List<ScenarioResult> results) {
		StringBuilder table = new StringBuilder();
		table.append("| scenario | messages | final | lost | final statuses | duplicates accepted | "
				+ "duplicates refused | given up | DLT records | unprocessed | fault (s) | recover (s) | "
				+ "first progress (s) | all final (s) | result |\n");
		table.append("|---|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
		for (ScenarioResult result : results) {
			Audit.Result audit = result.audit();
			table.append("| ")
				.append(result.scenario())
				.append(" | ")
				.append(audit.messages())
				.append(" | ")
				.append(audit.finals())
				.append(" | ")
				.append(audit.lost())
				.append(" | ")
				.append(counts(audit.byStatus()))
				.append(" | ")
				.append(audit.duplicatesAccepted() + audit.acceptedUnderOtherKey())
				.append(" | ")
				.append(audit.duplicatesRefused())
				.append(" | ")
				.append(audit.givenUp())
				.append(" | ")
				.append(result.dltRecords())
				.append(" | ")
				.append(result.unprocessedRecords())
				.append(" | ")
				.append(String.format(Locale.ROOT, "%.1f", result.faultSeconds()))
				.append(" | ")
				.append(dash(result.recoverSeconds()))
				.append(" | ")
				.append(dash(result.firstProgressSeconds()))
				.append(" | ")
				.append(dash(result.allFinalSeconds()))
				.append(" | ")
				.append(result.passed() ? "PASS" : "**FAIL**")
				.append(" |\n");
		}
		return table.toString();
	}

	/**
	 * A scenario's section: what was done, the headline figures, and the final statuses
	 * by recipient class against what each class ends in without faults.
	 * @param result the result
	 * @return Markdown
	 */
	static String detail(ScenarioResult result) {
		Audit.Result audit = result.audit();
		StringBuilder out = new StringBuilder();
		out.append("### ").append(result.scenario()).append(result.passed() ? " (PASS)" : " (FAIL)").append("\n\n");
		out.append(result.description()).append("\n\n");
		out.append("- campaign ")
			.append(result.campaignId())
			.append(", ")
			.append(result.campaignStatus())
			.append(" at the end\n");
		out.append("- ")
			.append(audit.messages())
			.append(" texts, ")
			.append(audit.finals())
			.append(" final, ")
			.append(audit.lost())
			.append(" lost");
		if (audit.lost() > 0) {
			out.append(" (").append(audit.missing()).append(" unknown to status-service");
			if (!audit.stuck().isEmpty()) {
				out.append(", stuck: ").append(counts(audit.stuck()));
			}
			out.append(")");
		}
		out.append("\n");
		out.append("- carrier: ")
			.append(audit.duplicatesAccepted())
			.append(" duplicate accepted creates, ")
			.append(audit.acceptedUnderOtherKey())
			.append(" accepted under another key, ")
			.append(audit.duplicatesRefused())
			.append(" repeats refused by the idempotency key\n");
		out.append("- ")
			.append(audit.givenUp())
			.append(" given up (FAILED after the carrier kept failing), ")
			.append(audit.unexpected())
			.append(" final statuses other than their class's\n");
		out.append("- carrier and status-service disagree: ")
			.append(audit.acceptedButNotSent())
			.append(" accepted but reported unsent, ")
			.append(audit.handedOverNeverAccepted())
			.append(" reported handed over but never accepted\n");
		out.append("- DLT: ")
			.append(result.dltRecords() == 0 ? "nothing new" : counts(result.dltGrowth()))
			.append("; unprocessed records: ")
			.append(result.unprocessedRecords() == 0 ? "none" : counts(result.unprocessed()))
			.append("\n");
		out.append("- fault ")
			.append(String.format(Locale.ROOT, "%.1f", result.faultSeconds()))
			.append(" s; recovered (both ends at half their pre-fault rate, or done) ")
			.append((result.recoverSeconds() != null)
					? String.format(Locale.ROOT, "%.1f s after it ended", result.recoverSeconds()) : "(not seen)")
			.append("; first progress ")
			.append((result.firstProgressSeconds() != null)
					? String.format(Locale.ROOT, "%.1f s after it ended", result.firstProgressSeconds()) : "(not seen)")
			.append("; every text final ")
			.append((result.allFinalSeconds() != null)
					? String.format(Locale.ROOT, "%.1f s after it ended", result.allFinalSeconds()) : "(never)")
			.append("\n");
		for (String note : result.notes()) {
			out.append("- ").append(note).append("\n");
		}
		samples(out, "lost", audit.lostSamples());
		samples(out, "duplicated", audit.duplicateSamples());
		samples(out, "disagreeing", audit.disagreementSamples());
		samples(out, "dead-lettered", result.dltReasons());
		out.append("\n| recipients | texts | without faults | final statuses | as expected |\n");
		out.append("|---|--:|---|---|--:|\n");
		for (Map.Entry<RecipientClass, Long> planned : audit.planned().entrySet()) {
			RecipientClass kind = planned.getKey();
			Map<String, Long> statuses = audit.byClass().getOrDefault(kind, Map.of());
			long expected = statuses.entrySet()
				.stream()
				.filter((entry) -> kind.expects(status(entry.getKey())))
				.mapToLong(Map.Entry::getValue)
				.sum();
			out.append("| ")
				.append(kind.label())
				.append(" | ")
				.append(planned.getValue())
				.append(" | ")
				.append(expectedLabel(kind))
				.append(" | ")
				.append(statuses.isEmpty() ? "-" : counts(statuses))
				.append(" | ")
				.append(expected)
				.append(" |\n");
		}
		return out.toString();
	}

	/** {@code A 3, B 2} in the map's order. */
	static String counts(Map<String, Long> counts) {
		StringJoiner joined = new StringJoiner(", ");
		counts.forEach((name, count) -> joined.add(name + " " + count));
		return joined.toString();
	}

	static String seconds(Double seconds) {
		return (seconds != null) ? String.format(Locale.ROOT, "%.1f", seconds) : "-1";
	}

	private static String dash(Double seconds) {
		return (seconds != null) ? String.format(Locale.ROOT, "%.1f", seconds) : "-";
	}

	private static String status(String label) {
		int paren = label.indexOf('(');
		return (paren < 0) ? label : label.substring(0, paren);
	}

	private static String expectedLabel(RecipientClass kind) {
		return switch (kind) {
			case ORDINARY, RATE_LIMITED, FLAKY -> "DELIVERED";
			case SILENT -> "DELIVERY_UNKNOWN";
			case LANDLINE -> "FAILED(21614)";
			case UNREACHABLE -> "UNDELIVERED(30003)";
		};
	}

	private static void samples(StringBuilder out, String what, List<String> samples) {
		if (samples.isEmpty()) {
			return;
		}
		out.append("- ").append(what).append(", e.g.:\n");
		for (String sample : samples) {
			out.append("  - `").append(sample).append("`\n");
		}
	}

}
