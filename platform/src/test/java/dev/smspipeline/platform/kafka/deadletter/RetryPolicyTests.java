package dev.smspipeline.platform.kafka.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTests {

	@Test
	void aFixedPolicyWaitsTheSameBetweenItsRetriesThenGivesUp() {
		assertThat(waits(RetryPolicy.fixed(Duration.ofSeconds(1), 2).backOff(), 5)).containsExactly(1000L, 1000L,
				BackOffExecution.STOP);
	}

	@Test
	void anExponentialPolicyDoublesItsWaitUpToTheLongest() {
		assertThat(waits(RetryPolicy.exponential(Duration.ofMillis(500), Duration.ofSeconds(3)).backOff(), 6))
			.containsExactly(500L, 1000L, 2000L, 3000L, 3000L, 3000L);
	}

	@Test
	void anExponentialPolicyWithoutLimitsNeverGivesUp() {
		assertThat(waits(RetryPolicy.exponential(Duration.ofMillis(500), Duration.ofSeconds(30)).backOff(), 200))
			.doesNotContain(BackOffExecution.STOP);
	}

	@Test
	void aRetryLimitStopsAnExponentialPolicy() {
		RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 3, null, List.of());
		assertThat(waits(policy.backOff(), 5)).containsExactly(100L, 200L, 400L, BackOffExecution.STOP);
	}

	@Test
	void anElapsedLimitStopsOnceTheWaitsAddUpToIt() {
		RetryPolicy policy = RetryPolicy.exponential(Duration.ofMillis(500), Duration.ofSeconds(30))
			.withMaxElapsed(Duration.ofSeconds(2));
		assertThat(waits(policy.backOff(), 5)).containsExactly(500L, 1000L, 2000L, BackOffExecution.STOP);
	}

	@Test
	void configuredValuesReplaceTheDefaultsAndAbsentOnesKeepThem() {
		RetryPolicy defaults = RetryPolicy.exponential(Duration.ofMillis(500), Duration.ofSeconds(30))
			.notRetrying(IllegalArgumentException.class);
		RetryPolicy configured = defaults.with(new ListenerRetrySettings.Overrides(null, null, Duration.ofSeconds(5), 4,
				null, List.of(IllegalStateException.class)));
		assertThat(configured).isEqualTo(new RetryPolicy(Duration.ofMillis(500), 2.0, Duration.ofSeconds(5), 4, null,
				List.of(IllegalArgumentException.class, IllegalStateException.class)));
	}

	@Test
	void refusesAPolicyThatCannotWait() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(Duration.ZERO, 2.0, Duration.ofSeconds(1), null, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), null, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(1), null, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), -1, null, null));
	}

	private static List<Long> waits(BackOff backOff, int count) {
		BackOffExecution execution = backOff.start();
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long wait = execution.nextBackOff();
			waits.add(wait);
			if (wait == BackOffExecution.STOP) {
				break;
			}
		}
		return waits;
	}

}
