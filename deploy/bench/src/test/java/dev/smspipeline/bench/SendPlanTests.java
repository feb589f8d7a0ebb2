package dev.smspipeline.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendPlanTests {

	@Test
	void aShareOfTextsGoesToNumbersAlreadyUsed() {
		List<PlannedText> plan = SendPlan.plan(10_000, 10_000, 0.1, 42, NumberPool.MEASURED);

		long repeats = plan.stream().filter((text) -> !text.firstToNumber()).count();
		assertThat(repeats).isBetween(900L, 1100L);
		Set<String> seen = new HashSet<>();
		for (PlannedText text : plan) {
			assertThat(seen.add(text.recipient())).isEqualTo(text.firstToNumber());
		}
	}

	@Test
	void neverMoreDistinctNumbersThanAsked() {
		List<PlannedText> plan = SendPlan.plan(1000, 10, 0, 1, NumberPool.MEASURED);

		assertThat(plan).hasSize(1000);
		assertThat(plan.stream().map(PlannedText::recipient).distinct()).hasSize(10);
	}

	@Test
	void theSameSeedPlansTheSameRun() {
		assertThat(SendPlan.plan(500, 400, 0.3, 7, NumberPool.MEASURED))
			.isEqualTo(SendPlan.plan(500, 400, 0.3, 7, NumberPool.MEASURED));
	}

	@Test
	void numbersAreValidUsNumbersOutsideTheSimulatorsScenarioRange() {
		NumberPool pool = NumberPool.MEASURED;

		assertThat(pool.number(0)).isEqualTo("+13122000000");
		assertThat(pool.number(12_345)).isEqualTo("+13122012345");
		assertThat(pool.number(8_000_000)).isEqualTo("+16462000000");
		assertThat(pool.number(pool.capacity() - 1)).isEqualTo("+16179999999");
		assertThat(List.of(NumberPool.WARMUP.number(0), NumberPool.CARRIER_CEILING.number(0)))
			.noneMatch((number) -> number.startsWith("+1415"));
	}

}
