package dev.smspipeline.bench;

import java.util.Locale;

/**
 * The benchmark's last line, for scripts:
 * {@code RESULT messages=<n> throughput_msg_s=<x> kafka_ceiling_msg_s=<k> carrier_ceiling_msg_s=<c> ratio=<x/min(k,c)> cpu_ms_per_msg=<m> p99_request_to_carrier_ms=<z> min_gap_ms=<g> violations=<v> lost=<l> duplicates=<d>}.
 * A figure that was not measured (a ceiling that was skipped, a gap when no number got
 * two texts) is {@code -1}.
 *
 * @param messages measured texts
 * @param throughput texts per second from the first request to the last final status
 * @param kafkaCeiling raw produce-to-consume records per second, or NaN when skipped
 * @param carrierCeiling creates per second the simulator accepted when driven directly,
 * or NaN when skipped
 * @param cpuMillisPerMessage CPU time of every process of the stack divided by the texts
 * @param p99RequestToCarrier p99 from request to the carrier's accept, unthrottled texts,
 * milliseconds
 * @param minGapMillis least gap between two accepted texts to one number, or -1
 * @param violations texts that reached the carrier too early
 * @param lost accepted texts without a final status at the end
 * @param duplicates message ids the carrier accepted more than once
 */
record ResultLine(int messages, double throughput, double kafkaCeiling, double carrierCeiling,
		double cpuMillisPerMessage, double p99RequestToCarrier, long minGapMillis, int violations, int lost,
		int duplicates) {

	/** The pipeline's throughput as a share of the lower ceiling, NaN when unknown. */
	double ratio() {
		double ceiling = Math.min(known(this.kafkaCeiling), known(this.carrierCeiling));
		return (ceiling == Double.POSITIVE_INFINITY || ceiling <= 0) ? Double.NaN : this.throughput / ceiling;
	}

	private static double known(double value) {
		return (Double.isNaN(value) || value <= 0) ? Double.POSITIVE_INFINITY : value;
	}

	String format() {
		return "RESULT messages=" + this.messages + " throughput_msg_s=" + number(this.throughput, 1)
				+ " kafka_ceiling_msg_s=" + number(this.kafkaCeiling, 1) + " carrier_ceiling_msg_s="
				+ number(this.carrierCeiling, 1) + " ratio=" + number(ratio(), 3) + " cpu_ms_per_msg="
				+ number(this.cpuMillisPerMessage, 3) + " p99_request_to_carrier_ms="
				+ number(this.p99RequestToCarrier, 1) + " min_gap_ms=" + this.minGapMillis + " violations="
				+ this.violations + " lost=" + this.lost + " duplicates=" + this.duplicates;
	}

	private static String number(double value, int decimals) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "-1";
		}
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

}
