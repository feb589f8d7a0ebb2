package dev.smspipeline.dispatch.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smspipeline.dispatch.submission.Step;
import dev.smspipeline.dispatch.submission.SubmissionFlow;
import dev.smspipeline.dispatch.throttle.RecipientPacer;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.TrafficClass;
import dev.smspipeline.platform.logging.LogContext;

/**
 * Runs the attempts at lanes' heads on a bounded pool of workers
 * ({@code sms.carrier.max-in-flight}, so at most that many carrier calls are in flight),
 * and learns from each. BULK heads may take all but
 * {@code sms.dispatch.priority.reserved-in-flight} of the calls (at least one), so a full
 * carrier pipe of campaign texts never keeps a transactional text waiting for a slot.
 *
 * <p>
 * A worker runs one {@link SubmissionFlow#attempt attempt} (precheck, at most one create
 * call, record, publish) in the text's trace scope and with its ids in the logging MDC,
 * and reports back: the pacer learns the carrier's answer (a submission, a refund of the
 * sender's budget when no call was made, a hold of the recipient or the pair), and the
 * lane moves to its next text or keeps its head for a retry. An attempt that throws
 * counts as a submission (the call may have gone) and is retried after
 * {@code sms.intake.retry-backoff}, until {@code sms.intake.max-attempts} have failed and
 * the text is dead-lettered. An attempt that comes back after its partition was revoked
 * is stale: its text is abandoned, unless it was decided.
 */
final class AttemptRunner {

	private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);

	private final DispatchLock lock;

	private final Lanes lanes;

	private final BacklogFeed feed;

	private final RecipientPacer pacer;

	private final Attempts attempts;

	private final Settlement settlement;

	private final Executor workers;

	private final DispatchMetrics metrics;

	private final Clock clock;

	private final int maxInFlight;

	private final int maxBulkInFlight;

	private final int maxAttempts;

	private final Duration retryBackoff;

	private int inFlight;

	AttemptRunner(DispatchLock lock, Lanes lanes, BacklogFeed feed, RecipientPacer pacer, Attempts attempts,
			Settlement settlement, Executor workers, DispatchMetrics metrics, Clock clock, int maxInFlight,
			int reservedInFlight, IntakeRetry retry) {
		this.lock = lock;
		this.lanes = lanes;
		this.feed = feed;
		this.pacer = pacer;
		this.attempts = attempts;
		this.settlement = settlement;
		this.workers = workers;
		this.metrics = metrics;
		this.clock = clock;
		this.maxInFlight = maxInFlight;
		this.maxBulkInFlight = Math.max(1, maxInFlight - reservedInFlight);
		this.maxAttempts = retry.maxAttempts();
		this.retryBackoff = retry.backoff();
	}

	/**
	 * Whether another attempt at a text of {@code trafficClass} may start; under the
	 * lock.
	 */
	boolean hasRoom(TrafficClass trafficClass) {
		return this.inFlight < ((trafficClass == TrafficClass.BULK) ? this.maxBulkInFlight : this.maxInFlight);
	}

	/**
	 * Starts an attempt at the lane's head on a worker, and takes its segments from the
	 * sender's budget; under the lock.
	 * @param lane a lane whose head is due
	 * @param now the current time
	 */
	void launch(Lane lane, Instant now) {
		Work head = lane.head();
		lane.markBusy();
		this.inFlight++;
		this.metrics.inFlight(this.inFlight);
		MessageRequested request = head.request();
		this.pacer.reserve(request.getSender(), request.getSegments(), now);
		if (head.firstAttempt()) {
			this.metrics.firstAttemptAfter(Duration.between(head.takenAt(), now));
		}
		this.workers.execute(() -> attempt(lane, head));
	}

	private void attempt(Lane lane, Work head) {
		Step step = null;
		RuntimeException failure = null;
		try (Observation.Scope trace = head.openTrace(); LogContext.Scope logs = head.openLogs()) {
			step = this.attempts.attempt(head.text());
			recordSubmission(head, step);
		}
		catch (RuntimeException ex) {
			log.warn("Attempt at message {} failed: {}", head, ex.toString());
			failure = ex;
		}
		boolean finished;
		boolean deadLetter = false;
		this.lock.lock();
		try {
			this.inFlight--;
			lane.attemptEnded();
			Instant now = this.clock.instant();
			if (failure != null) {
				// the call may have gone: count it for pacing
				MessageRequested request = head.request();
				this.pacer.submitted(request.getRecipient(), request.getSender(), now);
				deadLetter = head.failed() >= this.maxAttempts;
				finished = deadLetter;
				if (!deadLetter) {
					lane.retryAt(head, now.plus(this.retryBackoff));
				}
			}
			else {
				learn(lane, head, step, now);
				finished = step instanceof Step.Decided;
			}
			boolean stale = lane.revoked() || !lane.on(head.progress());
			if (finished || stale) {
				if (lane.finishHead(head)) {
					this.lanes.addBuffered(-1);
				}
				if (!finished) {
					head.abandon();
				}
			}
			this.feed.changed(lane, now);
			this.lanes.updateGate();
			this.metrics.inFlight(this.inFlight);
			this.lock.wake();
		}
		finally {
			this.lock.unlock();
		}
		if (deadLetter) {
			this.settlement.deadLetterLater(head, failure);
		}
		else if (finished) {
			this.settlement.finish(head, ((Step.Decided) step).published());
		}
	}

	private void recordSubmission(Work work, Step step) {
		if (step instanceof Step.Decided decided && decided.answeredAt() != null
				&& decided.outcome().outcome() == MessageStatus.SUBMITTED && work.request().getRequestedAt() != null) {
			this.metrics.submittedAfter(work.trafficClass(),
					Duration.between(work.request().getRequestedAt(), decided.answeredAt()));
		}
	}

	private void learn(Lane lane, Work head, Step step, Instant now) {
		MessageRequested request = head.request();
		if (step.answeredAt() == null) {
			this.pacer.refund(request.getSender(), request.getSegments(), now);
		}
		else if (step.submission()) {
			this.pacer.submitted(request.getRecipient(), request.getSender(), step.answeredAt());
		}
		if (step instanceof Step.Retry retry) {
			switch (retry.hold()) {
				case RECIPIENT -> this.pacer.holdRecipient(request.getRecipient(), retry.notBefore());
				case PAIR -> this.pacer.holdPair(request.getSender(), request.getRecipient(), retry.notBefore());
				case NONE -> lane.retryAt(head, retry.notBefore());
			}
		}
	}

}
