package dev.smspipeline.simulator.callback;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.smspipeline.twilio.TwilioSignature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallbackDispatcherTests {

	@Test
	void backsOffFrom200MillisDoublingUpTo5Seconds() {
		assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToLong(CallbackDispatcher::backoffMillis).toArray())
			.containsExactly(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
		assertThat(CallbackDispatcher.backoffMillis(1000)).isEqualTo(5000);
	}

	@Test
	void rejectsANegativeRetryTime() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CallbackDispatcher(1, 1, Duration.ofMillis(-1), new TwilioSignature("secret")));
	}

}
