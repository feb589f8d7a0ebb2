package dev.smspipeline.simulator.fault;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultsHandlerTests {

	@Test
	void readsModeDurationAndDelay() {
		FaultsHandler.Request request = FaultsHandler
			.parse("{\"mode\": \"TIMEOUT\", \"durationSeconds\": 30, \"timeoutDelayMillis\": 12000}");

		assertThat(request.mode()).isEqualTo(FaultMode.TIMEOUT);
		assertThat(request.duration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(request.timeoutDelay()).isEqualTo(Duration.ofSeconds(12));
	}

	@Test
	void takesFractionsOfSeconds() {
		assertThat(FaultsHandler.parse("{\"mode\": \"ERROR_500\", \"durationSeconds\": 1.5}").duration())
			.isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void leavesAbsentFieldsUnset() {
		FaultsHandler.Request request = FaultsHandler.parse("{\"mode\": \"error_500\"}");

		assertThat(request.duration()).isNull();
		assertThat(request.timeoutDelay()).isNull();
	}

	@Test
	void refusesAMissingModeAnUnknownFieldAndANegativeDuration() {
		assertThatIllegalArgumentException().isThrownBy(() -> FaultsHandler.parse("{\"durationSeconds\": 3}"))
			.withMessageContaining("mode");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultsHandler.parse("{\"mode\": \"TIMEOUT\", \"delay\": 3}"))
			.withMessageContaining("delay");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultsHandler.parse("{\"mode\": \"TIMEOUT\", \"durationSeconds\": -3}"))
			.withMessageContaining("durationSeconds");
		assertThatIllegalArgumentException().isThrownBy(() -> FaultsHandler.parse("[1]"))
			.withMessageContaining("JSON object");
		assertThatIllegalArgumentException().isThrownBy(() -> FaultsHandler.parse("{mode"))
			.withMessageContaining("Malformed");
	}

}
