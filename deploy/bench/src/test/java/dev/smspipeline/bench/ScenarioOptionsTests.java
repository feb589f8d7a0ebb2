package dev.smspipeline.bench;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScenarioOptionsTests {

	@Test
	void aScenarioOtherThanPipelineLeavesThePipelineBenchmark() {
		assertThat(ScenarioOptions.wanted("--messages", "10", "--scenario", "cancel")).isTrue();
		assertThat(ScenarioOptions.wanted("--scenario=priority")).isTrue();
		assertThat(ScenarioOptions.wanted("--scenario", "pipeline")).isFalse();
		assertThat(ScenarioOptions.wanted("--messages", "10")).isFalse();
	}

	@Test
	void durationsTakeMillisecondsSecondsMinutesOrABareNumberOfSeconds() {
		assertThat(ScenarioOptions.duration("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(ScenarioOptions.duration("20s")).isEqualTo(Duration.ofSeconds(20));
		assertThat(ScenarioOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(ScenarioOptions.duration("1.5")).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void eachScenarioHasTheLeadsOfIssue16ByDefault() {
		assertThat(ScenarioOptions.parse("--scenario", "priority").leads).isEqualTo(30_000);
		assertThat(ScenarioOptions.parse("--scenario", "fairness").leads).isEqualTo(20_000);
		assertThat(ScenarioOptions.parse("--scenario", "cancel").leads).isEqualTo(100_000);
	}

	@Test
	void thePipelineOptionsLocalStackPassesAreIgnoredButUnknownOnesRefused() {
		ScenarioOptions options = ScenarioOptions.parse("--scenario", "priority", "--chart", "x.svg", "--kafka",
				"localhost:9092", "--after", "5s", "--alone");

		assertThat(options.after).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.alone).isTrue();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScenarioOptions.parse("--scenario", "cancel", "--lead", "5"))
			.withMessageContaining("--lead");
	}

	@Test
	void theUploadsScenarioHasTenClientsALineEvery20SecondsForTwoMinutesByDefault() {
		ScenarioOptions options = ScenarioOptions.parse("--scenario", "uploads");

		assertThat(options.uploadClients).isEqualTo(10);
		assertThat(options.lineEvery).isEqualTo(Duration.ofSeconds(20));
		assertThat(options.duration).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.gap).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void theUploadsScenarioTakesItsClientsPaceAndDuration() {
		ScenarioOptions options = ScenarioOptions.parse("--scenario=uploads", "--upload-clients", "4", "--line-every",
				"5s", "--duration=30s", "--gap", "50ms");

		assertThat(options.uploadClients).isEqualTo(4);
		assertThat(options.lineEvery).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.duration).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.gap).isEqualTo(Duration.ofMillis(50));
		assertThat(options.describe())
			.startsWith("--scenario uploads --upload-clients 4 --line-every 5.0s --duration 30.0s --gap 50ms");
	}

	@Test
	void theUploadsScenarioRefusesNoClientsOrAZeroPace() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScenarioOptions.parse("--scenario", "uploads", "--upload-clients", "0"))
			.withMessageContaining("--upload-clients");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScenarioOptions.parse("--scenario", "uploads", "--line-every", "0s"))
			.withMessageContaining("--line-every");
	}

}
