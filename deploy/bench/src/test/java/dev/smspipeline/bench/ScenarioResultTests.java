package dev.smspipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioResultTests {

	@Test
	void theResultLineNamesTheScenarioThenTheFiguresInOrderWithUnmeasuredOnesAsMinusOne() {
		ScenarioResult result = new ScenarioResult("priority").put("leads", 5000)
			.put("campaign_msg_s", 812.345, 1)
			.put("one_off_median_ms", Double.NaN, 0)
			.put("alone", false)
			.put("campaign_status", "SENT");

		assertThat(result.format()).isEqualTo(
				"RESULT scenario=priority leads=5000 campaign_msg_s=812.3 one_off_median_ms=-1 alone=false campaign_status=SENT");
	}

}
