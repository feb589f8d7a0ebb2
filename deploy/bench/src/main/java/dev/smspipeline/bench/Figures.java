package dev.smspipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a {@link Run}: counts, rates from the first request, latency
 * percentiles, CPU, the largest service heap and the per-second {@link Timeline}.
 * Computed from the run alone: no clock, no I/O.
 *
 * @param accepted requests accepted
 * @param finals accepted texts that reached a final status
 * @param submitted accepted texts the status stream showed at the carrier
 * @param atCarrier accepted texts the carrier accepted
 * @param lost accepted texts without a final status
 * @param acceptRate accepted requests per second, first request to last answer
 * @param submittedRate texts per second, first request to the last SUBMITTED
 * @param carrierRate texts per second, first request to the last carrier accept
 * @param finalRate texts per second, first request to the last final status
 * @param middleRate final statuses per second over their middle 80 %
 * @param acceptance request to answer, accepted requests
 * @param carrierFirst request to carrier accept, first text to a number
 * @param carrierAll request to carrier accept, every text
 * @param toSubmitted request to SUBMITTED on the stream
 * @param toFinal request to final status on the stream
 * @param submittedVisibility read time less record timestamp, SUBMITTED
 * @param finalVisibility read time less record timestamp, final
 * @param outcomes texts by final status, or by why they have none
 * @param stackCpuMillis CPU of every process but the generator
 * @param stackJitMillis of which JIT compiler threads
 * @param generatorCpuMillis CPU of the generator and collector (this process)
 * @param cpuPerText stack CPU per accepted text, ms
 * @param windowSeconds from the first request to the end of the drain
 * @param maxServiceHeap the largest peak heap of the three services, bytes
 * @param timeline the per-second series, for the chart
 */
record Figures(int accepted, int finals, int submitted, int atCarrier, int lost, double acceptRate,
		double submittedRate, double carrierRate, double finalRate, double middleRate, Percentiles acceptance,
		Percentiles carrierFirst, Percentiles carrierAll, Percentiles toSubmitted, Percentiles toFinal,
		Percentiles submittedVisibility, Percentiles finalVisibility, Map<String, Integer> outcomes,
		long stackCpuMillis, long stackJitMillis, long generatorCpuMillis, double cpuPerText, double windowSeconds,
		long maxServiceHeap, Timeline timeline) {

	/** The processes whose heap counts against the per-service target. */
	static final List<String> SERVICES = List.of("campaign-service", "dispatch-service", "status-service");

	/**
	 * Computes the figures of a run.
	 * @param run the run
	 * @return its figures
	 */
	static Figures of(Run run) {
		long firstSent = Long.MAX_VALUE;
		for (Run.Text text : run.texts()) {
			firstSent = Math.min(firstSent, text.sentMicros());
		}
		Timeline timeline = new Timeline(firstSent);
		Samples acceptance = new Samples();
		Samples carrierFirst = new Samples();
		Samples carrierAll = new Samples();
		Samples toSubmitted = new Samples();
		Samples toFinal = new Samples();
		Samples submittedVisibility = new Samples();
		Samples finalVisibility = new Samples();
		List<Long> finalTimes = new ArrayList<>();
		Map<String, Integer> outcomes = new TreeMap<>();
		long lastAnswered = 0;
		long lastAtCarrier = 0;
		long lastSubmitted = 0;
		long lastFinal = 0;
		for (Run.Text text : run.texts()) {
			long sent = text.sentMicros();
			if (!text.accepted()) {
				outcomes.merge("not accepted (HTTP " + text.httpStatus() + ")", 1, Integer::sum);
				continue;
			}
			lastAnswered = Math.max(lastAnswered, text.answeredMicros());
			acceptance.add((text.answeredMicros() - sent) / 1000.0);
			timeline.accepted(text.answeredMicros());
			if (text.atCarrier()) {
				double latency = text.carrierAcceptMillis() - sent / 1000.0;
				carrierAll.add(latency);
				if (text.planned().firstToNumber()) {
					carrierFirst.add(latency);
				}
				lastAtCarrier = Math.max(lastAtCarrier, text.carrierAcceptMillis() * 1000);
				timeline.atCarrier(text.carrierAcceptMillis() * 1000, latency);
			}
			if (text.submitted()) {
				toSubmitted.add((text.atCarrierMicros() - sent) / 1000.0);
				submittedVisibility.add(text.atCarrierMicros() / 1000.0 - text.atCarrierRecordMillis());
				lastSubmitted = Math.max(lastSubmitted, text.atCarrierMicros());
			}
			if (text.reachedFinal()) {
				finalVisibility.add(text.finalMicros() / 1000.0 - text.finalRecordMillis());
				double latency = (text.finalMicros() - sent) / 1000.0;
				toFinal.add(latency);
				finalTimes.add(text.finalMicros());
				lastFinal = Math.max(lastFinal, text.finalMicros());
				timeline.reachedFinal(text.finalMicros(), latency);
				outcomes.merge(text.finalStatus(), 1, Integer::sum);
			}
			else {
				outcomes.merge("no final status (lost)", 1, Integer::sum);
			}
		}
		int accepted = acceptance.size();
		int finals = toFinal.size();
		long stackCpuMillis = 0;
		long stackJitMillis = 0;
		long generatorCpuMillis = 0;
		long maxServiceHeap = 0;
		for (ProcessSampler.Usage usage : run.usages()) {
			if (usage.name().equals(ProcessSampler.GENERATOR)) {
				generatorCpuMillis += usage.cpuMillis();
				continue;
			}
			stackCpuMillis += Math.max(0, usage.cpuMillis());
			stackJitMillis += usage.jitMillis();
			if (SERVICES.contains(usage.name())) {
				maxServiceHeap = Math.max(maxServiceHeap, usage.peakHeapBytes());
			}
		}
		return new Figures(accepted, finals, toSubmitted.size(), carrierAll.size(), accepted - finals,
				rate(accepted, firstSent, lastAnswered), rate(toSubmitted.size(), firstSent, lastSubmitted),
				rate(carrierAll.size(), firstSent, lastAtCarrier), rate(finals, firstSent, lastFinal),
				middleRate(finalTimes), acceptance.percentiles(), carrierFirst.percentiles(), carrierAll.percentiles(),
				toSubmitted.percentiles(), toFinal.percentiles(), submittedVisibility.percentiles(),
				finalVisibility.percentiles(), outcomes, stackCpuMillis, stackJitMillis, generatorCpuMillis,
				(accepted > 0) ? stackCpuMillis / (double) accepted : Double.NaN,
				(run.drainEndMicros() - run.loadStartMicros()) / 1e6, maxServiceHeap, timeline);
	}

	/**
	 * Texts per second over the middle 80 % of final statuses (ramp-up and tail left
	 * out).
	 * @param finalMicros when each text reached its final status, epoch µs, any order
	 * @return the rate, NaN for fewer than 10 texts or no time between them
	 */
	static double middleRate(List<Long> finalMicros) {
		if (finalMicros.size() < 10) {
			return Double.NaN;
		}
		long[] sorted = finalMicros.stream().mapToLong(Long::longValue).sorted().toArray();
		int from = sorted.length / 10;
		int to = sorted.length - 1 - sorted.length / 10;
		double seconds = (sorted[to] - sorted[from]) / 1e6;
		return (seconds > 0) ? (to - from) / seconds : Double.NaN;
	}

	private static double rate(int count, long fromMicros, long toMicros) {
		return (count == 0 || toMicros <= fromMicros) ? Double.NaN : count / ((toMicros - fromMicros) / 1e6);
	}

	/** Latency samples of one measure, in milliseconds. */
	private static final class Samples {

		private final List<Double> values = new ArrayList<>();

		void add(double millis) {
			this.values.add(millis);
		}

		int size() {
			return this.values.size();
		}

		Percentiles percentiles() {
			return Percentiles.of(this.values.stream().mapToDouble(Double::doubleValue).toArray());
		}

	}

}
