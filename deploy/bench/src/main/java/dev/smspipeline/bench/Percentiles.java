package dev.smspipeline.bench;

import java.util.Arrays;

/**
 * p50, p95, p99 and max of a set of samples, by the nearest-rank method (a percentile is
 * always one of the samples).
 *
 * @param count how many samples
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the largest sample
 */
record Percentiles(int count, double p50, double p95, double p99, double max) {

	static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

	/**
	 * Percentiles of samples.
	 * @param samples the samples, in any order (not changed)
	 * @return their percentiles, {@link #NONE} when there are none
	 */
	static Percentiles of(double[] samples) {
		if (samples.length == 0) {
			return NONE;
		}
		double[] sorted = samples.clone();
		Arrays.sort(sorted);
		return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
				sorted[sorted.length - 1]);
	}

	/**
	 * The nearest-rank percentile of sorted samples: the smallest sample with at least
	 * {@code percent} % of the samples at or below it.
	 * @param sorted samples in ascending order, at least one
	 * @param percent from 0 (exclusive) to 100
	 * @return the percentile
	 */
	static double rank(double[] sorted, double percent) {
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

	String describe() {
		if (this.count == 0) {
			return "no samples";
		}
		return String.format(java.util.Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d texts)",
				this.p50, this.p95, this.p99, this.max, this.count);
	}

}
