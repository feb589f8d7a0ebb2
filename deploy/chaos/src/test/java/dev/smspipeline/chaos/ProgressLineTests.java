package dev.smspipeline.chaos;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTests {

	@Test
	void showsAcceptedAndFinalEveryStepInSecondsFromTheFaultsStartWithItsEndMarked() {
		List<Sample> samples = List.of(new Sample(8_000, 10L, 5L, 0L, 0L), new Sample(9_000, 20L, 6L, 0L, 0L),
				new Sample(10_000, 30L, 7L, 0L, 0L), new Sample(12_000, 40L, null, 0L, 0L),
				new Sample(14_000, 50L, 9L, 0L, 0L), new Sample(16_000, 60L, 10L, 0L, 0L));

		assertThat(ProgressLine.format(samples, new Scenario.FaultWindow(10_000, 13_000), 2_000))
			.isEqualTo("-2:10/5 0:30/7 2:40/? |end| 4:50/9 6:60/10");
	}

}
