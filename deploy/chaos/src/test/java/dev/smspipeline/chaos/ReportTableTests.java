package dev.smspipeline.chaos;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTableTests {

	@Test
	void theChaosLineNamesTheIssuesFiguresInOrderThenTheAuditsOwn() {
		assertThat(ReportTable.chaosLine(result(0, 0, 3.25))).isEqualTo(
				"CHAOS scenario=kill-dispatch messages=3 final=3 lost=0 duplicates_accepted=0 duplicates_refused=2 "
						+ "recover_s=3.3 given_up=0 unexpected=0 dlt=0 unprocessed=0 result=PASS");
	}

	@Test
	void aRecoveryNeverSeenIsMinusOneAndALostTextFailsTheLine() {
		assertThat(ReportTable.chaosLine(result(1, 0, null))).contains(" final=2 lost=1 ")
			.contains(" recover_s=-1 ")
			.endsWith("result=FAIL");
	}

	@Test
	void acceptedCreatesUnderAnotherKeyCountAsDuplicatesAccepted() {
		assertThat(ReportTable.chaosLine(result(0, 1, 1.0))).contains(" duplicates_accepted=1 ")
			.endsWith("result=FAIL");
	}

	@Test
	void figuresUseADotWhateverTheLocale() {
		Locale previous = Locale.getDefault();
		Locale.setDefault(Locale.GERMANY);
		try {
			assertThat(ReportTable.chaosLine(result(0, 0, 12.5))).contains(" recover_s=12.5 ");
			assertThat(ReportTable.summary(List.of(result(0, 0, 12.5)))).contains("| 12.5 |");
		}
		finally {
			Locale.setDefault(previous);
		}
	}

	@Test
	void theSummaryHasAHeaderAndOneRowPerScenarioWithItsFinalStatuses() {
		String table = ReportTable.summary(List.of(result(0, 0, 3.25), result(1, 0, null)));

		String[] lines = table.split("\n");
		assertThat(lines).hasSize(4);
		assertThat(lines[0]).startsWith("| scenario | messages | final | lost | final statuses |");
		assertThat(lines[1]).startsWith("|---|--:|");
		assertThat(lines[2]).isEqualTo(
				"| kill-dispatch | 3 | 3 | 0 | DELIVERED 2, FAILED 1 | 0 | 2 | 0 | 0 | 0 | 41.0 | 3.3 | 1.5 | 60.0 | PASS |");
		assertThat(lines[3]).contains("| - | 1.5 | 60.0 | **FAIL** |");
	}

	@Test
	void theDetailShowsEachRecipientClassAgainstItsStatusWithoutFaults() {
		String detail = ReportTable.detail(result(1, 0, 3.25));

		assertThat(detail).startsWith("### kill-dispatch (FAIL)\n")
			.contains("- 3 texts, 2 final, 1 lost (1 unknown to status-service)")
			.contains("| ordinary | 2 | DELIVERED | DELIVERED 2 | 2 |")
			.contains("| landline | 1 | FAILED(21614) | - | 0 |")
			.contains("  - `m-3 +14152010001 unknown to status-service`");
	}

	@Test
	void countsJoinNamesAndFiguresInTheMapsOrder() {
		Map<String, Long> counts = new TreeMap<>(Map.of("B", 2L, "A", 3L));

		assertThat(ReportTable.counts(counts)).isEqualTo("A 3, B 2");
	}

	private static ScenarioResult result(long lost, long otherKey, Double recover) {
		Map<String, Long> byStatus = new TreeMap<>(
				(lost == 0) ? Map.of("DELIVERED", 2L, "FAILED", 1L) : Map.of("DELIVERED", 2L));
		Map<RecipientClass, Map<String, Long>> byClass = new java.util.EnumMap<>(RecipientClass.class);
		byClass.put(RecipientClass.ORDINARY, new TreeMap<>(Map.of("DELIVERED", 2L)));
		Map<RecipientClass, Long> planned = new java.util.EnumMap<>(RecipientClass.class);
		planned.put(RecipientClass.ORDINARY, 2L);
		planned.put(RecipientClass.LANDLINE, 1L);
		Audit.Result audit = new Audit.Result(3, 3 - lost, lost, Map.of(), byStatus, byClass, planned, 0, 0, 0, 2,
				otherKey, 0, 0, (lost > 0) ? List.of("m-3 +14152010001 unknown to status-service") : List.of(),
				List.of(), List.of());
		return new ScenarioResult("kill-dispatch", "`kill -9` of dispatch-service.", "c-1", "DONE", audit, Map.of(),
				List.of(), Map.of(), 41.0, recover, 1.5, 60.0, List.of());
	}

}
