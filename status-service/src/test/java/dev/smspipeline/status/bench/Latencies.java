package dev.smspipeline.status.bench;

import java.util.Arrays;

/**
 * Latencies of repeated calls, in nanoseconds, and their percentiles.
 */
final class Latencies {

	private long[] samples = new long[1024];

	private int count;

	synchronized void add(long nanos) {
		if (this.count == this.samples.length) {
			this.samples = Arrays.copyOf(this.samples, this.count * 2);
		}
		this.samples[this.count++] = nanos;
	}

	synchronized void addAll(Latencies other) {
		for (int i = 0; i < other.count; i++) {
			add(other.samples[i]);
		}
	}

	synchronized int count() {
		return this.count;
	}

	/** The {@code p}th percentile (0–100), in milliseconds, nearest-rank. */
	synchronized double percentile(double p) {
		if (this.count == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(this.samples, this.count);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
	}

	String summary() {
		return String.format("p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (n=%d)", percentile(50),
				percentile(95), percentile(99), percentile(100), count());
	}

}
