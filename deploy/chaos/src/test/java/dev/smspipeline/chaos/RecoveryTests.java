package dev.smspipeline.chaos;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecoveryTests {

	@Test
	void recoveredIsWhenBothEndsRunAtHalfTheirPreFaultRateAgainNotAtTheFirstTrickle() {
		List<Sample> samples = new ArrayList<>();
		// 100 accepted and 100 final texts a second for 10 s, then the fault (10 s to 20
		// s)
		for (int s = 0; s <= 10; s++) {
			samples.add(sample(s, 100L * s, 100L * s));
		}
		// after it: a trickle of 5 a second for 10 s, then full speed
		for (int s = 21; s <= 30; s++) {
			samples.add(sample(s, 1000 + 5L * (s - 20), 1000 + 5L * (s - 20)));
		}
		for (int s = 31; s <= 40; s++) {
			samples.add(sample(s, 1050 + 100L * (s - 30), 1050 + 100L * (s - 30)));
		}

		assertThat(Recovery.recoverMillis(samples, 10_000, 20_000, 5000, 0)).hasValue(13_000);
		assertThat(Recovery.firstProgressMillis(samples, 20_000, 5000, 0)).hasValue(1_000);
	}

	@Test
	void aFigureUnknownWhileItsPartWasDownNeverCountsAsMovement() {
		List<Sample> samples = List.of(sample(0, 0L, 0L), sample(1, 100L, 100L),
				new Sample(2_000, 200L, null, null, null), new Sample(3_000, 300L, null, null, null),
				sample(4, 400L, 150L), sample(9, 900L, 900L));

		assertThat(Recovery.firstProgressMillis(samples, 2_000, 5000, 0)).hasValue(2_000);
		assertThat(Recovery.recoverMillis(samples, 1_000, 2_000, 5000, 0)).hasValue(7_000);
	}

	@Test
	void anEndWithNothingLeftToDoHasRecovered() {
		// every text submitted, every text final but the silent ones: nothing can move
		List<Sample> samples = List.of(new Sample(0, 0L, 0L, 5000L, 5000L), new Sample(10_000, 5000L, 4750L, 0L, 5000L),
				new Sample(20_000, 5000L, 4750L, 0L, 5000L));

		assertThat(Recovery.recoverMillis(samples, 5_000, 15_000, 5000, 250)).hasValue(5_000);
		assertThat(Recovery.firstProgressMillis(samples, 15_000, 5000, 250)).hasValue(5_000);
	}

	@Test
	void aPipelineThatNeverMovesAgainNeverRecovers() {
		List<Sample> samples = List.of(sample(0, 0L, 0L), sample(1, 100L, 50L), sample(2, 100L, 50L),
				sample(9, 100L, 50L));

		assertThat(Recovery.recoverMillis(samples, 1_000, 1_500, 1000, 0)).isEmpty();
		assertThat(Recovery.firstProgressMillis(samples, 1_500, 1000, 0)).isEmpty();
	}

	@Test
	void theRateIsPerSecondBetweenTheFirstAndLastKnownValuesOfTheSpan() {
		List<Sample> samples = List.of(sample(0, 0L, 0L), new Sample(1_000, null, null, null, null),
				sample(4, 200L, 100L));

		assertThat(Recovery.rate(samples, 0, 4_000, Sample::accepted)).isCloseTo(50.0, within(1e-9));
		assertThat(Recovery.rate(samples, 0, 500, Sample::accepted)).isZero();
	}

	@Test
	void allFinalIsTheFirstSampleCountingEveryTextFinalMeasuredFromTheGivenInstant() {
		List<Sample> samples = List.of(sample(1, 100L, 50L), sample(9, 1000L, 1000L));

		assertThat(Recovery.allFinalMillis(samples, 4_000, 1000)).hasValue(5_000);
		assertThat(Recovery.allFinalMillis(samples.subList(0, 1), 4_000, 1000)).isEmpty();
	}

	private static Sample sample(int second, Long accepted, Long finals) {
		return new Sample(second * 1000L, accepted, finals, 1000L, 5000L);
	}

}
