package dev.smspipeline.dispatch.submission;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchSettingsTests {

	private final DispatchSettings.Retry retry = new DispatchSettings.Retry(5, Duration.ofMillis(200), 2.0,
			Duration.ofSeconds(5), 0.5);

	@Test
	void doublesTheBackoffWithEveryTransientFailure() {
		assertThat(this.retry.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(200));
		assertThat(this.retry.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(400));
		assertThat(this.retry.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(800));
	}

	@Test
	void capsTheBackoffAtItsMaximum() {
		assertThat(this.retry.backoff(10, 0.0)).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void takesAtMostTheJitterFractionOffABackoff() {
		assertThat(this.retry.backoff(2, 0.999)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
		assertThat(this.retry.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(300));
	}

}
