package dev.smspipeline.bench;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTests {

	@Test
	void percentilesOfOneToHundredAreTheNearestRankSamples() {
		double[] samples = IntStream.rangeClosed(1, 100).mapToDouble((i) -> 101 - i).toArray();

		Percentiles percentiles = Percentiles.of(samples);

		assertThat(percentiles.count()).isEqualTo(100);
		assertThat(percentiles.p50()).isEqualTo(50);
		assertThat(percentiles.p95()).isEqualTo(95);
		assertThat(percentiles.p99()).isEqualTo(99);
		assertThat(percentiles.max()).isEqualTo(100);
	}

	@Test
	void aPercentileIsAlwaysOneOfTheSamples() {
		Percentiles percentiles = Percentiles.of(new double[] { 3.5, 1.0, 250.0 });

		assertThat(percentiles.p50()).isEqualTo(3.5);
		assertThat(percentiles.p95()).isEqualTo(250.0);
		assertThat(percentiles.p99()).isEqualTo(250.0);
	}

	@Test
	void noSamplesHaveNoPercentiles() {
		assertThat(Percentiles.of(new double[0])).isSameAs(Percentiles.NONE);
		assertThat(Percentiles.NONE.p99()).isNaN();
	}

	@Test
	void theSamplesAreNotReordered() {
		double[] samples = { 3, 1, 2 };

		Percentiles.of(samples);

		assertThat(samples).containsExactly(3, 1, 2);
	}

}
