package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smspipeline.dispatch.backlog.Parking;
import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.dispatch.submission.Step;
import dev.smspipeline.platform.logging.LogContext;

/**
 * How a text leaves dispatch: decided without its lane, finished once its outcome is
 * acknowledged, or dead-lettered.
 *
 * <p>
 * <strong>Finishing.</strong> A record is finished when its outcome's status (and its
 * QUEUED) are acknowledged by the broker, or when it is parked and QUEUED is
 * acknowledged; then its offset is completed in its {@link PartitionProgress}, which
 * commits up to the first unfinished record. A text fed back from the parked table is
 * finished by deleting its row.
 *
 * <p>
 * <strong>Dead letters.</strong> A text whose processing throws is tried
 * {@code sms.intake.max-attempts} times, {@code sms.intake.retry-backoff} apart, then
 * written to the {@link DeadLetterSink} (blocking) before its terminal FAILED status is
 * published; it is finished only once the broker has both, so a crash in between
 * redelivers it and both go again under the same ids.
 *
 * <p>
 * Every step runs on a settler thread in the text's trace scope and with its ids in the
 * logging MDC.
 */
final class Settlement {

	private static final Logger log = LoggerFactory.getLogger(Settlement.class);

	private final DispatchLock lock;

	private final Lanes lanes;

	private final Attempts attempts;

	private final Parking parking;

	private final DeadLetterSink deadLetters;

	private final Executor settlers;

	private final Delays delays;

	private final int maxAttempts;

	private final Duration retryBackoff;

	private final Consumer<Work> undecided;

	/**
	 * @param undecided where a text goes that the database does not find decided after
	 * all (back to its lane)
	 */
	Settlement(DispatchLock lock, Lanes lanes, Attempts attempts, Parking parking, DeadLetterSink deadLetters,
			Executor settlers, Delays delays, IntakeRetry retry, Consumer<Work> undecided) {
		this.lock = lock;
		this.lanes = lanes;
		this.attempts = attempts;
		this.parking = parking;
		this.deadLetters = deadLetters;
		this.settlers = settlers;
		this.delays = delays;
		this.maxAttempts = retry.maxAttempts();
		this.retryBackoff = retry.backoff();
		this.undecided = undecided;
	}

	/**
	 * Decides a text without its lane (it is past its validity or cancelled): the
	 * precheck decides it, and nobody is called.
	 * @param work the text
	 */
	void settle(Work work) {
		this.lock.lock();
		try {
			// counted in memory until decided, so a flood of them (say, texts that
			// expired during an outage) pauses the consumer like any other backlog
			this.lanes.addBuffered(1);
			this.lanes.updateGate();
		}
		finally {
			this.lock.unlock();
		}
		this.settlers.execute(() -> decideWithoutCarrier(work));
	}

	private void decideWithoutCarrier(Work work) {
		Step.Decided decided;
		try (Observation.Scope trace = work.openTrace(); LogContext.Scope logs = work.openLogs()) {
			decided = this.attempts.settle(work.text());
		}
		catch (RuntimeException ex) {
			if (work.failed() >= this.maxAttempts) {
				settled();
				deadLetter(work, ex);
			}
			else {
				log.warn("Settling message {} failed: {}; trying again in {}", work, ex.toString(), this.retryBackoff);
				this.delays.after(this.retryBackoff, () -> this.settlers.execute(() -> decideWithoutCarrier(work)));
			}
			return;
		}
		settled();
		if (decided != null) {
			finish(work, decided.published());
		}
		else if (work.fromRecord()) {
			// not decided after all (the database knows better than this instance's copy)
			this.undecided.accept(work);
		}
	}

	private void settled() {
		this.lock.lock();
		try {
			this.lanes.addBuffered(-1);
			this.lanes.updateGate();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Finishes a text once the broker has its outcome: completes its offset (after its
	 * QUEUED too), or deletes its parked row.
	 * @param work the text
	 * @param published completes once the broker has the outcome
	 */
	void finish(Work work, CompletableFuture<Void> published) {
		if (work.fromRecord()) {
			CompletableFuture.allOf(work.queued(), published).thenRun(() -> work.progress().complete(work.offset()));
		}
		else {
			published.thenRun(() -> this.parking.delete(work.partition(), work.offset()));
		}
	}

	/**
	 * Dead-letters a text on a settler thread.
	 * @param work the text whose processing kept failing, or a parked row that cannot be
	 * read
	 * @param failure why
	 */
	void deadLetterLater(Work work, Exception failure) {
		this.settlers.execute(() -> deadLetter(work, failure));
	}

	/**
	 * Dead-letters a text, then, for a text that was read, publishes its terminal FAILED
	 * status, and finishes it once the broker has both.
	 */
	private void deadLetter(Work work, Exception failure) {
		CompletableFuture<Void> failed;
		try (Observation.Scope trace = work.openTrace(); LogContext.Scope logs = work.openLogs()) {
			this.deadLetters.deadLetter(work, failure);
			failed = (work.text() != null) ? this.attempts.processingFailed(work.text(), failure)
					: CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			log.error("Cannot dead-letter message {}; it stays unfinished", work, ex);
			return;
		}
		finish(work, failed);
	}

}
