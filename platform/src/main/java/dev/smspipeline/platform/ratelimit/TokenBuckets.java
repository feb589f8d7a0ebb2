package dev.smspipeline.platform.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (an account): a key holds up to {@code burst} tokens, gains
 * {@code rate} a second, and each call takes one; with none left the call is refused and
 * told how long until the next token. Keys never wait for each other: each bucket has its
 * own lock, held for a few arithmetic operations.
 *
 * <p>
 * Memory is bounded: at most {@code maxKeys} buckets are kept. A bucket that has filled
 * up again is no different from a new one, so when the limit is reached the full ones are
 * dropped; if every kept bucket is in use, a new key's call is let through untracked
 * until one fills up (the bound exists against growth without limit, accounts being few).
 *
 * <p>
 * Time comes from a monotonic nanosecond source ({@link System#nanoTime()} in a service),
 * never from the wall clock, so a clock moved by tests or NTP neither refills nor empties
 * a bucket.
 */
public final class TokenBuckets {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final double tokensPerNano;

	private final long burst;

	private final int maxKeys;

	private final LongSupplier nanoTime;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	/**
	 * Buckets of {@code burst} tokens gaining {@code ratePerSecond} a second.
	 * @param ratePerSecond tokens gained a second, above zero
	 * @param burst tokens a full bucket holds, at least one
	 * @param maxKeys most buckets kept at once
	 * @param nanoTime a monotonic clock in nanoseconds
	 */
	public TokenBuckets(double ratePerSecond, long burst, int maxKeys, LongSupplier nanoTime) {
		if (!(ratePerSecond > 0) || burst < 1 || maxKeys < 1) {
			throw new IllegalArgumentException("rate must be above 0, burst and maxKeys at least 1");
		}
		this.tokensPerNano = ratePerSecond / NANOS_PER_SECOND;
		this.burst = burst;
		this.maxKeys = maxKeys;
		this.nanoTime = nanoTime;
	}

	/**
	 * Takes a token from {@code key}'s bucket.
	 * @param key whose bucket
	 * @return {@link Duration#ZERO} when the call may go on, else how long until the
	 * bucket holds a token again (positive)
	 */
	public Duration take(String key) {
		long now = this.nanoTime.getAsLong();
		Bucket bucket = this.buckets.get(key);
		if (bucket == null) {
			if (this.buckets.size() >= this.maxKeys) {
				dropFull(now);
				if (this.buckets.size() >= this.maxKeys) {
					return Duration.ZERO;
				}
			}
			bucket = this.buckets.computeIfAbsent(key, (k) -> new Bucket(this.burst, now));
		}
		long waitNanos = bucket.take(now);
		return (waitNanos == 0) ? Duration.ZERO : Duration.ofNanos(waitNanos);
	}

	/** How many buckets are kept now. */
	int size() {
		return this.buckets.size();
	}

	private void dropFull(long now) {
		this.buckets.entrySet().removeIf((entry) -> entry.getValue().fullAt(now));
	}

	/** Tokens and when they were last counted; guarded by its own monitor. */
	private final class Bucket {

		private double tokens;

		private long countedAt;

		Bucket(double tokens, long countedAt) {
			this.tokens = tokens;
			this.countedAt = countedAt;
		}

		synchronized long take(long now) {
			refill(now);
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return 0;
			}
			return Math.max(1, (long) Math.ceil((1 - this.tokens) / TokenBuckets.this.tokensPerNano));
		}

		synchronized boolean fullAt(long now) {
			refill(now);
			return this.tokens >= TokenBuckets.this.burst;
		}

		private void refill(long now) {
			long elapsed = now - this.countedAt;
			if (elapsed > 0) {
				this.tokens = Math.min(TokenBuckets.this.burst,
						this.tokens + elapsed * TokenBuckets.this.tokensPerNano);
				this.countedAt = now;
			}
		}

	}

}
