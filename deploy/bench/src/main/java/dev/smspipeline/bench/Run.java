package dev.smspipeline.bench;

import java.util.List;
import java.util.Map;

/**
 * What one measured run left behind, collected once the load was sent and drained: every
 * planned text with when it was requested, answered, accepted by the carrier and seen on
 * the status stream; the carrier's audit; the processes' CPU and memory; the run's
 * instants. Nothing in it is read from the stack again: {@link Figures} are computed from
 * it alone.
 *
 * @param plan the planned texts, in sequence order
 * @param texts what became of each planned text, in the same order
 * @param carrier the audit of the carrier's log of the run's numbers
 * @param usages CPU and memory of every sampled process
 * @param postgresByDatabase PostgreSQL server CPU by database (live backends), ms
 * @param idleCores the stack's CPU before the run, in cores
 * @param loadStartMicros when the generator started, epoch µs
 * @param loadEndMicros when it had every answer, epoch µs
 * @param drainEndMicros when the run stopped waiting for final statuses, epoch µs
 * @param loadAfter the load average after the run
 */
record Run(List<PlannedText> plan, List<Text> texts, CarrierGapAudit.Result carrier, List<ProcessSampler.Usage> usages,
		Map<String, Long> postgresByDatabase, double idleCores, long loadStartMicros, long loadEndMicros,
		long drainEndMicros, String loadAfter) {

	/**
	 * What became of one planned text. Times are epoch microseconds, 0 when it did not
	 * happen; record timestamps are the producer's clock, epoch milliseconds.
	 *
	 * @param planned the planned text
	 * @param sentMicros when its request left
	 * @param answeredMicros when its answer came
	 * @param httpStatus the answer's status (202 for a produced Kafka record, 0 none)
	 * @param accepted whether the request was accepted
	 * @param carrierAcceptMillis when the carrier first accepted it, epoch ms, or -1
	 * @param atCarrierMicros when the status stream first showed it at the carrier
	 * @param atCarrierRecordMillis that record's timestamp
	 * @param finalMicros when the status stream first showed it final
	 * @param finalRecordMillis that record's timestamp
	 * @param finalStatus its final status, or {@code null}
	 */
	record Text(PlannedText planned, long sentMicros, long answeredMicros, int httpStatus, boolean accepted,
			long carrierAcceptMillis, long atCarrierMicros, long atCarrierRecordMillis, long finalMicros,
			long finalRecordMillis, String finalStatus) {

		boolean atCarrier() {
			return this.carrierAcceptMillis >= 0;
		}

		boolean submitted() {
			return this.atCarrierMicros != 0;
		}

		boolean reachedFinal() {
			return this.finalMicros != 0;
		}

	}

}
