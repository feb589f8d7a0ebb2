package dev.smspipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTests {

	private static final long START = 5_000_000L;

	@Test
	void countsEachEventInTheWholeSecondSinceTheStartItFellIn() {
		Timeline timeline = new Timeline(START);

		timeline.accepted(START);
		timeline.accepted(START + 999_999);
		timeline.accepted(START + 1_000_000);
		timeline.reachedFinal(START + 2_500_000, 10);

		assertThat(timeline.seconds()).isEqualTo(3);
		assertThat(timeline.accepted()).containsExactly(2, 1, 0);
		assertThat(timeline.finals()).containsExactly(0, 0, 1);
	}

	@Test
	void anEventBeforeTheStartCountsInTheFirstSecond() {
		Timeline timeline = new Timeline(START);

		timeline.atCarrier(START - 3_000_000, 5);

		assertThat(timeline.atCarrier()).containsExactly(1);
	}

	@Test
	void aSecondsLatencyIsTheNearestRankPercentileOfTheTextsInIt() {
		Timeline timeline = new Timeline(START);
		for (int latency = 1; latency <= 100; latency++) {
			timeline.reachedFinal(START + 1_000_000 + latency, latency);
		}

		assertThat(timeline.finalLatency(50)).containsExactly(Double.NaN, 50.0);
		assertThat(timeline.finalLatency(99)).containsExactly(Double.NaN, 99.0);
	}

	@Test
	void carrierAndFinalLatenciesAreKeptApart() {
		Timeline timeline = new Timeline(START);

		timeline.atCarrier(START, 30);
		timeline.reachedFinal(START, 700);

		assertThat(timeline.carrierLatency(99)).containsExactly(30.0);
		assertThat(timeline.finalLatency(99)).containsExactly(700.0);
	}

}
