package dev.smspipeline.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-second series of a run, from its first request: texts accepted, at the carrier and
 * final in each second, and latency percentiles of the texts that reached the carrier or
 * a final status in that second.
 */
final class Timeline {

	private final long startMicros;

	private final List<Bucket> buckets = new ArrayList<>();

	Timeline(long startMicros) {
		this.startMicros = startMicros;
	}

	void accepted(long atMicros) {
		bucket(atMicros).accepted++;
	}

	void atCarrier(long atMicros, double latencyMillis) {
		Bucket bucket = bucket(atMicros);
		bucket.atCarrier++;
		bucket.carrierLatencies.add(latencyMillis);
	}

	void reachedFinal(long atMicros, double latencyMillis) {
		Bucket bucket = bucket(atMicros);
		bucket.finals++;
		bucket.finalLatencies.add(latencyMillis);
	}

	private Bucket bucket(long atMicros) {
		int second = (int) Math.max(0, (atMicros - this.startMicros) / 1_000_000);
		while (this.buckets.size() <= second) {
			this.buckets.add(new Bucket());
		}
		return this.buckets.get(second);
	}

	int seconds() {
		return this.buckets.size();
	}

	double[] accepted() {
		return series((bucket) -> bucket.accepted);
	}

	double[] atCarrier() {
		return series((bucket) -> bucket.atCarrier);
	}

	double[] finals() {
		return series((bucket) -> bucket.finals);
	}

	double[] finalLatency(double percent) {
		return series((bucket) -> percentile(bucket.finalLatencies, percent));
	}

	double[] carrierLatency(double percent) {
		return series((bucket) -> percentile(bucket.carrierLatencies, percent));
	}

	private double[] series(java.util.function.ToDoubleFunction<Bucket> value) {
		double[] series = new double[this.buckets.size()];
		for (int i = 0; i < series.length; i++) {
			series[i] = value.applyAsDouble(this.buckets.get(i));
		}
		return series;
	}

	private static double percentile(List<Double> values, double percent) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return Percentiles.rank(sorted, percent);
	}

	private static final class Bucket {

		int accepted;

		int atCarrier;

		int finals;

		final List<Double> carrierLatencies = new ArrayList<>();

		final List<Double> finalLatencies = new ArrayList<>();

	}

}
