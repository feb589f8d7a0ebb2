package dev.smspipeline.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.smspipeline.stackclient.CarrierEntry;

/**
 * What the carrier saw: per number, the gaps between accepted creates (the per-number
 * interval must hold between any two), creates the carrier refused for coming too early
 * ({@code rate_limited}: the simulator's own 1-second rule), and message ids it accepted
 * more than once.
 */
final class CarrierGapAudit {

	private CarrierGapAudit() {
	}

	/**
	 * Audits carrier log entries.
	 * @param entries the entries of the run, in any order
	 * @param intervalMillis the least time allowed between two texts to one number
	 * @return the findings
	 */
	static Result audit(List<CarrierEntry> entries, long intervalMillis) {
		Map<String, List<Long>> acceptedByNumber = new HashMap<>();
		Map<String, Integer> acceptsById = new HashMap<>();
		Map<String, Long> firstAcceptById = new HashMap<>();
		int accepted = 0;
		int rateLimited = 0;
		int duplicateAnswers = 0;
		int refused = 0;
		for (CarrierEntry entry : entries) {
			switch (entry.outcome()) {
				case CarrierEntry.ACCEPTED -> {
					accepted++;
					acceptedByNumber.computeIfAbsent(entry.to(), (to) -> new ArrayList<>()).add(entry.receivedAt());
					if (entry.messageId() != null) {
						acceptsById.merge(entry.messageId(), 1, Integer::sum);
						firstAcceptById.merge(entry.messageId(), entry.receivedAt(), Math::min);
					}
				}
				case CarrierEntry.RATE_LIMITED -> rateLimited++;
				case CarrierEntry.DUPLICATE -> duplicateAnswers++;
				default -> refused++;
			}
		}
		long minGap = Long.MAX_VALUE;
		int tooClose = 0;
		int repeatedNumbers = 0;
		for (List<Long> times : acceptedByNumber.values()) {
			if (times.size() < 2) {
				continue;
			}
			repeatedNumbers++;
			times.sort(Comparator.naturalOrder());
			for (int i = 1; i < times.size(); i++) {
				long gap = times.get(i) - times.get(i - 1);
				minGap = Math.min(minGap, gap);
				if (gap < intervalMillis) {
					tooClose++;
				}
			}
		}
		int duplicates = (int) acceptsById.values().stream().filter((count) -> count > 1).count();
		return new Result(accepted, repeatedNumbers, (minGap == Long.MAX_VALUE) ? -1 : minGap, tooClose, rateLimited,
				duplicateAnswers, refused, duplicates, firstAcceptById);
	}

	/**
	 * Findings of an audit.
	 *
	 * @param accepted accepted creates
	 * @param repeatedNumbers numbers with two accepted creates or more
	 * @param minGapMillis the least gap between two accepted creates to one number, -1
	 * when no number had two
	 * @param gapsBelowInterval accepted creates less than the interval after the previous
	 * one to the same number
	 * @param rateLimited creates the carrier answered 429 (sent too early by its own
	 * rule)
	 * @param duplicateAnswers creates the carrier recognised as repeats of an idempotency
	 * key (answered from its cache, nothing sent)
	 * @param refused other refusals
	 * @param duplicates message ids the carrier accepted more than once (texts sent
	 * twice)
	 * @param firstAcceptById when the carrier first accepted each message id
	 */
	record Result(int accepted, int repeatedNumbers, long minGapMillis, int gapsBelowInterval, int rateLimited,
			int duplicateAnswers, int refused, int duplicates, Map<String, Long> firstAcceptById) {

		/** Throttle violations: texts that reached the carrier too early. */
		int violations() {
			return this.gapsBelowInterval + this.rateLimited;
		}

	}

}
