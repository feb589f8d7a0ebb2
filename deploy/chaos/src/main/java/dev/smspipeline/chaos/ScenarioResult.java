package dev.smspipeline.chaos;

import java.util.List;
import java.util.Map;

/**
 * Everything one scenario run found.
 *
 * @param scenario the scenario's name
 * @param description what was done to the stack
 * @param campaignId the run's campaign
 * @param campaignStatus its lifecycle status at the end
 * @param audit the audit of every text
 * @param dltGrowth records the dead-letter topics gained during the run, by topic
 * @param dltReasons a few of their reasons
 * @param unprocessed records the services' consumer groups had not processed at the end,
 * by group and topic
 * @param faultSeconds how long the fault lasted (kill to healthy again, or the outage)
 * @param recoverSeconds fault end to recovery, both ends of the pipeline at half their
 * pre-fault rate or done ({@link Recovery#recoverMillis}), or {@code null} when never
 * seen
 * @param firstProgressSeconds fault end to the first progress of both ends
 * ({@link Recovery#firstProgressMillis}), or {@code null} when never seen
 * @param allFinalSeconds fault end to every text final, or {@code null} when never
 * @param notes anything else worth reading
 */
record ScenarioResult(String scenario, String description, String campaignId, String campaignStatus, Audit.Result audit,
		Map<String, Long> dltGrowth, List<String> dltReasons, Map<String, Long> unprocessed, double faultSeconds,
		Double recoverSeconds, Double firstProgressSeconds, Double allFinalSeconds, List<String> notes) {

	long dltRecords() {
		return this.dltGrowth.values().stream().mapToLong(Long::longValue).sum();
	}

	long unprocessedRecords() {
		return this.unprocessed.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * The bar: no text lost, none accepted twice by the carrier, nothing left
	 * unprocessed outside a DLT.
	 * @return {@code true} when the run passed
	 */
	boolean passed() {
		return this.audit.lost() == 0 && this.audit.duplicatesAccepted() == 0 && this.audit.acceptedUnderOtherKey() == 0
				&& unprocessedRecords() == 0;
	}

}
