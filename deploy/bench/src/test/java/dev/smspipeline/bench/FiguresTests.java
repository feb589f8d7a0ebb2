package dev.smspipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FiguresTests {

	private static final long T0 = 1_700_000_000_000_000L;

	private static final CarrierGapAudit.Result NO_FINDINGS = new CarrierGapAudit.Result(0, 0, -1, 0, 0, 0, 0, 0,
			Map.of());

	@Test
	void anAcceptedTextWithoutAFinalStatusIsLost() {
		Figures figures = Figures.of(run(List.of(delivered(0, 0), accepted(1)), List.of()));

		assertThat(figures.accepted()).isEqualTo(2);
		assertThat(figures.finals()).isEqualTo(1);
		assertThat(figures.lost()).isEqualTo(1);
		assertThat(figures.outcomes()).containsExactly(Map.entry("DELIVERED", 1),
				Map.entry("no final status (lost)", 1));
	}

	@Test
	void aRefusedRequestIsNeitherAcceptedNorLostButCountedByItsHttpStatus() {
		Run.Text refused = new Run.Text(new PlannedText(0, "+13122000000", true), T0, T0 + 1_000, 429, false, -1, 0, 0,
				0, 0, null);

		Figures figures = Figures.of(run(List.of(refused), List.of()));

		assertThat(figures.accepted()).isZero();
		assertThat(figures.lost()).isZero();
		assertThat(figures.outcomes()).containsExactly(Map.entry("not accepted (HTTP 429)", 1));
		assertThat(figures.cpuPerText()).isNaN();
	}

	@Test
	void throughputRunsFromTheFirstRequestToTheLastFinalStatus() {
		Figures figures = Figures.of(run(List.of(delivered(0, 1_000_000), delivered(1, 2_000_000)), List.of()));

		assertThat(figures.finalRate()).isCloseTo(2 / 2.0, within(1e-9));
	}

	@Test
	void latencyToTheCarrierOfTheFirstTextToANumberLeavesRepeatsOut() {
		Run.Text first = new Run.Text(new PlannedText(0, "+13122000000", true), T0, T0 + 5_000, 202, true,
				T0 / 1000 + 40, 0, 0, 0, 0, null);
		Run.Text repeat = new Run.Text(new PlannedText(1, "+13122000000", false), T0, T0 + 5_000, 202, true,
				T0 / 1000 + 1_040, 0, 0, 0, 0, null);

		Figures figures = Figures.of(run(List.of(first, repeat), List.of()));

		assertThat(figures.carrierFirst().count()).isEqualTo(1);
		assertThat(figures.carrierFirst().p99()).isEqualTo(40.0);
		assertThat(figures.carrierAll().max()).isEqualTo(1_040.0);
		assertThat(figures.atCarrier()).isEqualTo(2);
	}

	@Test
	void cpuPerTextCountsTheStackButNotTheGenerator() {
		List<ProcessSampler.Usage> usages = List.of(usage("dispatch-service", 3_000, 0),
				usage("status-service", 1_000, 0), usage(ProcessSampler.GENERATOR, 50_000, 0));

		Figures figures = Figures.of(run(List.of(delivered(0, 0), delivered(1, 0)), usages));

		assertThat(figures.stackCpuMillis()).isEqualTo(4_000);
		assertThat(figures.generatorCpuMillis()).isEqualTo(50_000);
		assertThat(figures.cpuPerText()).isEqualTo(2_000.0);
	}

	@Test
	void theLargestHeapCountsOnlyTheThreeServices() {
		List<ProcessSampler.Usage> usages = List.of(usage("dispatch-service", 0, 200), usage("kafka", 0, 900),
				usage("campaign-service", 0, 150));

		assertThat(Figures.of(run(List.of(delivered(0, 0)), usages)).maxServiceHeap()).isEqualTo(200);
	}

	@Test
	void theMiddleRateLeavesTheFirstAndLastTenthOfFinalStatusesOut() {
		List<Long> finals = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			finals.add(i * 1_000_000L);
		}
		finals.set(9, 900_000_000L);

		assertThat(Figures.middleRate(finals)).isCloseTo(7 / 7.0, within(1e-9));
		assertThat(Figures.middleRate(finals.subList(0, 9))).isNaN();
	}

	@Test
	void theTimelineStartsAtTheFirstRequest() {
		Figures figures = Figures.of(run(List.of(delivered(0, 2_500_000)), List.of()));

		assertThat(figures.timeline().finals()).containsExactly(0, 0, 1);
	}

	private static Run run(List<Run.Text> texts, List<ProcessSampler.Usage> usages) {
		return new Run(texts.stream().map(Run.Text::planned).toList(), texts, NO_FINDINGS, usages, Map.of(), 0, T0,
				T0 + 1_000_000, T0 + 3_000_000, "0.00 0.00 0.00");
	}

	private static Run.Text accepted(int seq) {
		return new Run.Text(new PlannedText(seq, "+1312200000" + seq, true), T0, T0 + 1_000, 202, true, -1, 0, 0, 0, 0,
				null);
	}

	private static Run.Text delivered(int seq, long afterMicros) {
		return new Run.Text(new PlannedText(seq, "+1312200000" + seq, true), T0, T0 + 1_000, 202, true, -1, 0, 0,
				T0 + afterMicros, T0 / 1000 + afterMicros / 1000, "DELIVERED");
	}

	private static ProcessSampler.Usage usage(String name, long cpuMillis, long peakHeapBytes) {
		return new ProcessSampler.Usage(name, 1, cpuMillis, 0, 0.5, peakHeapBytes, 1024);
	}

}
