package dev.smspipeline.platform.kafka.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * How a listener's container retries a record whose processing throws, before it goes to
 * the dead-letter topic: wait {@code initialInterval}, then each wait {@code multiplier}
 * times the last, at most {@code maxInterval}; give up after {@code maxRetries} retries
 * or once {@code maxElapsed} has passed since the first failure, whichever comes first,
 * or never when both are absent (the partition waits: for records that must not be
 * skipped). A {@link RejectedRecordException}, an unreadable record and the
 * {@code notRetryable} exceptions (and Spring Kafka's own non-retryable ones, such as a
 * {@code ClassCastException}) are not retried: they go to the dead-letter topic at once.
 *
 * @param initialInterval the first wait, positive
 * @param multiplier how each wait grows, at least 1 (1: a fixed wait)
 * @param maxInterval the longest wait, at least {@code initialInterval}
 * @param maxRetries how many retries at most, or {@code null} for no limit
 * @param maxElapsed how long to retry at most, or {@code null} for no limit
 * @param notRetryable further exceptions to dead-letter at once
 */
public record RetryPolicy(Duration initialInterval, double multiplier, Duration maxInterval, Integer maxRetries,
		Duration maxElapsed, List<Class<? extends Exception>> notRetryable) {

	public RetryPolicy {
		if (initialInterval == null || initialInterval.isNegative() || initialInterval.isZero()) {
			throw new IllegalArgumentException("initialInterval must be positive, not " + initialInterval);
		}
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new IllegalArgumentException("multiplier must be at least 1, not " + multiplier);
		}
		if (maxInterval == null || maxInterval.compareTo(initialInterval) < 0) {
			throw new IllegalArgumentException(
					"maxInterval must be at least initialInterval (" + initialInterval + "), not " + maxInterval);
		}
		if (maxRetries != null && maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must not be negative, not " + maxRetries);
		}
		if (maxElapsed != null && maxElapsed.isNegative()) {
			throw new IllegalArgumentException("maxElapsed must not be negative, not " + maxElapsed);
		}
		notRetryable = List.copyOf((notRetryable != null) ? notRetryable : List.of());
	}

	/**
	 * Waits growing from {@code initialInterval} to {@code maxInterval}, doubling,
	 * retried without end until limited.
	 * @param initialInterval the first wait
	 * @param maxInterval the longest wait
	 * @return the policy
	 */
	public static RetryPolicy exponential(Duration initialInterval, Duration maxInterval) {
		return new RetryPolicy(initialInterval, 2.0, maxInterval, null, null, List.of());
	}

	/**
	 * The same wait between every attempt.
	 * @param interval the wait
	 * @param maxRetries how many retries after the first attempt
	 * @return the policy
	 */
	public static RetryPolicy fixed(Duration interval, int maxRetries) {
		return new RetryPolicy(interval, 1.0, interval, maxRetries, null, List.of());
	}

	/**
	 * This policy, giving up once {@code maxElapsed} has passed.
	 * @param maxElapsed how long to retry at most
	 * @return the policy
	 */
	public RetryPolicy withMaxElapsed(Duration maxElapsed) {
		return new RetryPolicy(this.initialInterval, this.multiplier, this.maxInterval, this.maxRetries, maxElapsed,
				this.notRetryable);
	}

	/**
	 * This policy, with more exceptions that are not retried.
	 * @param exceptions the exceptions
	 * @return the policy
	 */
	@SafeVarargs
	public final RetryPolicy notRetrying(Class<? extends Exception>... exceptions) {
		List<Class<? extends Exception>> all = new ArrayList<>(this.notRetryable);
		all.addAll(List.of(exceptions));
		return new RetryPolicy(this.initialInterval, this.multiplier, this.maxInterval, this.maxRetries,
				this.maxElapsed, all);
	}

	/**
	 * This policy with what is configured for its listener.
	 * @param overrides the configured values; absent ones keep this policy's
	 * @return the policy
	 */
	public RetryPolicy with(ListenerRetrySettings.Overrides overrides) {
		if (overrides == null) {
			return this;
		}
		List<Class<? extends Exception>> all = new ArrayList<>(this.notRetryable);
		all.addAll(overrides.notRetryable());
		return new RetryPolicy(or(overrides.initialInterval(), this.initialInterval),
				or(overrides.multiplier(), this.multiplier), or(overrides.maxInterval(), this.maxInterval),
				or(overrides.maxRetries(), this.maxRetries), or(overrides.maxElapsed(), this.maxElapsed), all);
	}

	/**
	 * The back-off of this policy.
	 * @return a fixed back-off for a multiplier of 1 with a retry limit, else an
	 * exponential one
	 */
	public BackOff backOff() {
		if (this.multiplier == 1.0 && this.maxRetries != null && this.maxElapsed == null) {
			return new FixedBackOff(this.initialInterval.toMillis(), this.maxRetries);
		}
		ExponentialBackOff backOff = new ExponentialBackOff(this.initialInterval.toMillis(), this.multiplier);
		backOff.setMaxInterval(this.maxInterval.toMillis());
		if (this.maxElapsed != null) {
			backOff.setMaxElapsedTime(this.maxElapsed.toMillis());
		}
		if (this.maxRetries != null) {
			backOff.setMaxAttempts(this.maxRetries);
		}
		return backOff;
	}

	private static <T> T or(T configured, T otherwise) {
		return (configured != null) ? configured : otherwise;
	}

}
