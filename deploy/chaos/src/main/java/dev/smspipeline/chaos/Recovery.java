package dev.smspipeline.chaos;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * How long the pipeline took to recover from a fault, from the progress samples of a run.
 * Two figures, both from the fault's end (the part healthy again, the fault off):
 * <ul>
 * <li><b>Recovered</b> ({@link #recoverMillis}): the first sample at which both ends of
 * the pipeline run at least half as fast as before the fault (over the last
 * {@value #WINDOW_MILLIS} ms), or have nothing left to do. The carrier end is the
 * carrier's accepted creates, done when no text waits to be submitted; the status end is
 * status-service's count of final texts, done when every text is final but those that
 * only the delivery window can end (silent numbers).</li>
 * <li><b>First progress</b> ({@link #firstProgressMillis}): the first sample at which
 * both figures moved past their last value before the fault's end (or are done).</li>
 * </ul>
 * A figure unknown at a sample (its part was down) never counts as movement.
 */
final class Recovery {

	/** The window over which rates are measured. */
	static final long WINDOW_MILLIS = 5_000;

	/** Share of the pre-fault rate that counts as recovered. */
	static final double SHARE = 0.5;

	private Recovery() {
	}

	/**
	 * Milliseconds from the fault's end until both ends run at half their pre-fault rate
	 * or are done.
	 * @param samples the run's samples, in time order, from the campaign's activation
	 * @param faultStart when the fault started, epoch milliseconds
	 * @param faultEnd when it ended, epoch milliseconds
	 * @param expected texts in the campaign
	 * @param waitingOnWindow texts that only the delivery window ends (silent numbers)
	 * @return the time to recover, or empty when the samples never show it
	 */
	static OptionalLong recoverMillis(List<Sample> samples, long faultStart, long faultEnd, long expected,
			long waitingOnWindow) {
		double acceptedBefore = rate(samples, Long.MIN_VALUE, faultStart, Sample::accepted);
		double finalsBefore = rate(samples, Long.MIN_VALUE, faultStart, Sample::finals);
		for (Sample sample : samples) {
			if (sample.at() < faultEnd) {
				continue;
			}
			boolean carrierDone = carrierDone(sample, expected);
			boolean statusesDone = statusesDone(sample, expected, waitingOnWindow);
			boolean carrierRuns = carrierDone
					|| fastEnough(rateUpTo(samples, sample, Sample::accepted), acceptedBefore);
			boolean statusesRun = statusesDone || fastEnough(rateUpTo(samples, sample, Sample::finals), finalsBefore);
			if (carrierRuns && statusesRun) {
				return OptionalLong.of(sample.at() - faultEnd);
			}
		}
		return OptionalLong.empty();
	}

	/**
	 * Milliseconds from the fault's end until both figures moved past their last value
	 * before it (or are done).
	 * @param samples the run's samples, in time order
	 * @param faultEnd when the fault ended, epoch milliseconds
	 * @param expected texts in the campaign
	 * @param waitingOnWindow texts that only the delivery window ends
	 * @return the time, or empty when the samples never show it
	 */
	static OptionalLong firstProgressMillis(List<Sample> samples, long faultEnd, long expected, long waitingOnWindow) {
		long baseAccepted = 0;
		long baseFinals = 0;
		for (Sample sample : samples) {
			if (sample.at() > faultEnd) {
				break;
			}
			if (sample.accepted() != null) {
				baseAccepted = sample.accepted();
			}
			if (sample.finals() != null) {
				baseFinals = sample.finals();
			}
		}
		for (Sample sample : samples) {
			if (sample.at() < faultEnd) {
				continue;
			}
			boolean carrierMoves = carrierDone(sample, expected)
					|| (sample.accepted() != null && sample.accepted() > baseAccepted);
			boolean statusesMove = statusesDone(sample, expected, waitingOnWindow)
					|| (sample.finals() != null && sample.finals() > baseFinals);
			if (carrierMoves && statusesMove) {
				return OptionalLong.of(sample.at() - faultEnd);
			}
		}
		return OptionalLong.empty();
	}

	/**
	 * Milliseconds from {@code from} to the first sample at which every text is final.
	 * @param samples the run's samples, in time order
	 * @param from the start, epoch milliseconds
	 * @param expected texts in the campaign
	 * @return the time, or empty when no sample shows every text final
	 */
	static OptionalLong allFinalMillis(List<Sample> samples, long from, long expected) {
		for (Sample sample : samples) {
			if (sample.finals() != null && sample.finals() >= expected) {
				return OptionalLong.of(Math.max(0, sample.at() - from));
			}
		}
		return OptionalLong.empty();
	}

	/**
	 * Per second, between the first known value at or after {@code from} and the last
	 * known one at or before {@code to}; 0 when they are not two distinct samples.
	 */
	static double rate(List<Sample> samples, long from, long to, Function<Sample, Long> figure) {
		Sample first = null;
		Sample last = null;
		for (Sample sample : samples) {
			if (sample.at() < from || sample.at() > to || figure.apply(sample) == null) {
				continue;
			}
			if (first == null) {
				first = sample;
			}
			last = sample;
		}
		if (first == null || last.at() <= first.at()) {
			return 0;
		}
		return (figure.apply(last) - figure.apply(first)) * 1000.0 / (last.at() - first.at());
	}

	/**
	 * The rate over the window that ends at {@code sample}; 0 when its figure is unknown.
	 */
	private static double rateUpTo(List<Sample> samples, Sample sample, Function<Sample, Long> figure) {
		if (figure.apply(sample) == null) {
			return 0;
		}
		Sample start = null;
		for (Sample earlier : samples) {
			if (earlier.at() > sample.at() - WINDOW_MILLIS) {
				break;
			}
			if (figure.apply(earlier) != null) {
				start = earlier;
			}
		}
		if (start == null || start.at() >= sample.at()) {
			return 0;
		}
		return (figure.apply(sample) - figure.apply(start)) * 1000.0 / (sample.at() - start.at());
	}

	private static boolean fastEnough(double rate, double before) {
		return (before > 0) ? rate >= SHARE * before : rate > 0;
	}

	private static boolean carrierDone(Sample sample, long expected) {
		return sample.accepted() != null && sample.inQueue() != null && sample.inQueue() == 0 && sample.total() != null
				&& sample.total() >= expected;
	}

	private static boolean statusesDone(Sample sample, long expected, long waitingOnWindow) {
		return sample.finals() != null && sample.finals() >= expected - waitingOnWindow;
	}

}
