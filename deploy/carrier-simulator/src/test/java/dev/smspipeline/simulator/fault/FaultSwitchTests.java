package dev.smspipeline.simulator.fault;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultSwitchTests {

	private final FaultSwitch faults = new FaultSwitch(Duration.ofSeconds(15));

	@Test
	void isOffUntilSwitchedOn() {
		assertThat(this.faults.current(1_000)).isEqualTo(Fault.NONE);
	}

	@Test
	void actsFromTheMomentItIsSwitchedOnUntilItsDurationRunsOut() {
		this.faults.switchOn(FaultMode.ERROR_500, Duration.ofSeconds(30), null, 1_000);

		assertThat(this.faults.current(1_000).mode()).isEqualTo(FaultMode.ERROR_500);
		assertThat(this.faults.current(30_999).mode()).isEqualTo(FaultMode.ERROR_500);
		assertThat(this.faults.current(31_000)).isEqualTo(Fault.NONE);
	}

	@Test
	void lastsUntilSwitchedOffWithoutADuration() {
		this.faults.switchOn(FaultMode.TIMEOUT, null, null, 1_000);

		assertThat(this.faults.current(Long.MAX_VALUE - 1).mode()).isEqualTo(FaultMode.TIMEOUT);
		this.faults.switchOff();
		assertThat(this.faults.current(2_000)).isEqualTo(Fault.NONE);
	}

	@Test
	void takesTheDefaultTimeoutDelayUnlessTheRequestNamesOne() {
		assertThat(this.faults.switchOn(FaultMode.TIMEOUT, null, null, 0).timeoutDelay())
			.isEqualTo(Duration.ofSeconds(15));
		assertThat(this.faults.switchOn(FaultMode.TIMEOUT, null, Duration.ofMillis(500), 0).timeoutDelay())
			.isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void replacesTheFaultInForceAndSwitchesOffWithModeNone() {
		this.faults.switchOn(FaultMode.ERROR_500, null, null, 0);
		this.faults.switchOn(FaultMode.TIMEOUT, null, null, 10);
		assertThat(this.faults.current(20).mode()).isEqualTo(FaultMode.TIMEOUT);

		this.faults.switchOn(FaultMode.NONE, Duration.ofSeconds(30), null, 30);

		assertThat(this.faults.current(40)).isEqualTo(Fault.NONE);
	}

	@Test
	void refusesANegativeDuration() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.faults.switchOn(FaultMode.ERROR_500, Duration.ofSeconds(-1), null, 0))
			.withMessageContaining("durationSeconds");
	}

	@Test
	void describesAnActiveFaultWithItsRemainingTime() {
		Fault fault = this.faults.switchOn(FaultMode.TIMEOUT, Duration.ofSeconds(30), Duration.ofSeconds(12), 1_000);

		assertThat(fault.describe(11_000)).containsEntry("mode", "TIMEOUT")
			.containsEntry("active", true)
			.containsEntry("since", 1_000L)
			.containsEntry("until", 31_000L)
			.containsEntry("remainingSeconds", 20L)
			.containsEntry("timeoutDelayMillis", 12_000L);
		assertThat(fault.describe(31_000)).containsEntry("mode", "NONE").containsEntry("active", false);
	}

	@Test
	void readsModesInAnyCase() {
		assertThat(FaultMode.parse("error_500")).isEqualTo(FaultMode.ERROR_500);
		assertThat(FaultMode.parse(" Timeout ")).isEqualTo(FaultMode.TIMEOUT);
		assertThatIllegalArgumentException().isThrownBy(() -> FaultMode.parse("SLOW")).withMessageContaining("SLOW");
	}

}
