package dev.smspipeline.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChaosOptionsTests {

	@Test
	void defaultsAreEveryFaultScenarioWith5000TextsAnd30SecondFaults() {
		ChaosOptions options = ChaosOptions.parse();

		assertThat(options.scenarios()).isEmpty();
		assertThat(options.messages()).isEqualTo(5000);
		assertThat(options.faultDuration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.deliveryWindow()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.settleTimeout()).isEqualTo(Duration.ofSeconds(360));
		assertThat(options.prepare()).isTrue();
		assertThat(Scenarios.named(options.scenarios())).extracting(Scenario::name)
			.containsExactly("kill-dispatch", "kill-status", "kill-campaign", "restart-kafka", "registry-down",
					"postgres-down", "carrier-500", "carrier-timeout");
	}

	@Test
	void takesScenarioNamesAndOptionsInEitherForm() {
		ChaosOptions options = ChaosOptions.parse("carrier-500", "--messages", "200", "--fault-seconds=10",
				"kill-status", "--report", "out.md", "--no-prepare", "--seed=9");

		assertThat(options.scenarios()).containsExactly("carrier-500", "kill-status");
		assertThat(options.messages()).isEqualTo(200);
		assertThat(options.faultDuration()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.report()).isEqualTo(Path.of("out.md"));
		assertThat(options.prepare()).isFalse();
		assertThat(options.seed()).isEqualTo(9);
	}

	@Test
	void theSettleTimeoutFollowsTheDeliveryWindowUnlessGiven() {
		assertThat(ChaosOptions.parse("--delivery-window", "120").settleTimeout()).isEqualTo(Duration.ofSeconds(420));
		assertThat(ChaosOptions.parse("--settle-timeout", "90").settleTimeout()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void refusesUnknownOptionsOutOfRangeFiguresAndUnknownScenarios() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosOptions.parse("--speed", "3"))
			.withMessageContaining("--speed");
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosOptions.parse("--messages", "20000"))
			.withMessageContaining("1 to 10000");
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosOptions.parse("--trigger-share", "2"))
			.withMessageContaining("0 to 1");
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosOptions.parse("--messages"))
			.withMessageContaining("needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> Scenarios.named(List.of("kill-everything")))
			.withMessageContaining("kill-everything")
			.withMessageContaining("carrier-timeout");
	}

	@Test
	void allStandsForEveryFaultScenarioAndTheBaselineRunsOnlyWhenNamed() {
		assertThat(Scenarios.named(List.of("baseline", "all"))).extracting(Scenario::name)
			.startsWith("baseline", "kill-dispatch")
			.hasSize(9);
	}

}
