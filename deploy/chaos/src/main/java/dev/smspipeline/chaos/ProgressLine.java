package dev.smspipeline.chaos;

import java.util.List;
import java.util.StringJoiner;

/**
 * A compact progress line for the report: every few seconds, from the fault's start, the
 * carrier's accepted count and the campaign's final count, with the fault's end marked.
 */
final class ProgressLine {

	private ProgressLine() {
	}

	/**
	 * Formats {@code t:accepted/final} entries every {@code stepMillis}, times in whole
	 * seconds from the fault's start (negative before it), {@code |end|} where the fault
	 * ended, {@code ?} for a figure its part did not give.
	 * @param samples the run's samples, in time order
	 * @param window the fault
	 * @param stepMillis the spacing of the entries
	 * @return the line
	 */
	static String format(List<Sample> samples, Scenario.FaultWindow window, long stepMillis) {
		StringJoiner line = new StringJoiner(" ");
		long next = Long.MIN_VALUE;
		boolean endMarked = false;
		for (Sample sample : samples) {
			if (!endMarked && sample.at() >= window.end()) {
				line.add("|end|");
				endMarked = true;
				next = Long.MIN_VALUE;
			}
			if (sample.at() < next) {
				continue;
			}
			next = sample.at() + stepMillis;
			long second = Math.round((sample.at() - window.start()) / 1000.0);
			line.add(second + ":" + value(sample.accepted()) + "/" + value(sample.finals()));
		}
		return line.toString();
	}

	private static String value(Long value) {
		return (value != null) ? value.toString() : "?";
	}

}
