package dev.smspipeline.platform.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenBucketsTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	@Test
	void letsAFreshKeySendItsWholeBurstAtOnce() {
		TokenBuckets buckets = buckets(10, 5);
		for (int i = 0; i < 5; i++) {
			assertThat(buckets.take("acme")).isZero();
		}
	}

	@Test
	void refusesTheCallAfterTheBurstAndSaysWhenTheNextTokenComes() {
		TokenBuckets buckets = buckets(10, 5);
		drain(buckets, "acme", 5);

		assertThat(buckets.take("acme")).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void givesBackTokensAtTheRateAsTimeMoves() {
		TokenBuckets buckets = buckets(10, 5);
		drain(buckets, "acme", 5);

		advance(Duration.ofMillis(250));

		assertThat(buckets.take("acme")).isZero();
		assertThat(buckets.take("acme")).isZero();
		assertThat(buckets.take("acme")).isEqualTo(Duration.ofMillis(50));
	}

	@Test
	void neverHoldsMoreThanTheBurstHoweverLongTheKeyWasIdle() {
		TokenBuckets buckets = buckets(10, 5);
		buckets.take("acme");

		advance(Duration.ofHours(1));

		drain(buckets, "acme", 5);
		assertThat(buckets.take("acme")).isPositive();
	}

	@Test
	void keepsEachKeysBucketApart() {
		TokenBuckets buckets = buckets(10, 5);
		drain(buckets, "acme", 5);

		assertThat(buckets.take("acme")).isPositive();
		assertThat(buckets.take("globex")).isZero();
	}

	@Test
	void keepsAStrictLimitBelowOneRequestASecond() {
		TokenBuckets buckets = buckets(0.5, 1);
		buckets.take("acme");

		assertThat(buckets.take("acme")).isEqualTo(Duration.ofSeconds(2));
		advance(Duration.ofMillis(1500));
		assertThat(buckets.take("acme")).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void dropsRefilledBucketsWhenItKeepsAsManyAsItMay() {
		TokenBuckets buckets = new TokenBuckets(10, 5, 2, this.nanos::get);
		buckets.take("acme");
		buckets.take("globex");

		advance(Duration.ofSeconds(1));
		buckets.take("initech");

		assertThat(buckets.size()).isEqualTo(1);
	}

	@Test
	void letsANewKeyThroughUntrackedWhileEveryKeptBucketIsInUse() {
		TokenBuckets buckets = new TokenBuckets(10, 5, 2, this.nanos::get);
		buckets.take("acme");
		buckets.take("globex");

		drain(buckets, "initech", 20);

		assertThat(buckets.size()).isEqualTo(2);
	}

	@Test
	void refusesARateOfZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> buckets(0, 5));
	}

	private TokenBuckets buckets(double rate, long burst) {
		return new TokenBuckets(rate, burst, 100, this.nanos::get);
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	private static void drain(TokenBuckets buckets, String key, int calls) {
		for (int i = 0; i < calls; i++) {
			assertThat(buckets.take(key)).as("call %d of %s", i + 1, key).isZero();
		}
	}

}
