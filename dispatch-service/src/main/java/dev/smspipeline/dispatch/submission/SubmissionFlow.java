package dev.smspipeline.dispatch.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smspipeline.dispatch.carrier.Carrier;
import dev.smspipeline.dispatch.carrier.CarrierAnswer;
import dev.smspipeline.dispatch.carrier.OutboundText;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;

/**
 * Takes one requested text to its dispatch outcome, and publishes every status change.
 *
 * <ol>
 * <li>An outcome is recorded for the message already (a redelivery after a crash or a
 * rebalance, or the same request twice): publish that outcome's status again, under its
 * original event id, and call nobody.</li>
 * <li>Past its {@code expiresAt}: EXPIRED.</li>
 * <li>Otherwise QUEUED, then the carrier: accepted is SUBMITTED with the carrier's SID;
 * refused is FAILED with the carrier's code and reason; rate-limited is retried after the
 * carrier's Retry-After; a transient failure is retried with exponential backoff and
 * jitter, and FAILED ({@code CARRIER_UNAVAILABLE}) when the attempts run out. A text that
 * expires while it waits ends EXPIRED.</li>
 * </ol>
 *
 * <p>
 * The outcome is recorded in the {@code submission} table, then its statuses (QUEUED and
 * the outcome) are published. Every create call carries the message id as idempotency
 * token, so a call repeated after a crash gets the carrier's first answer, never a second
 * text.
 *
 * <p>
 * <strong>Skeleton:</strong> the waits block the calling (listener) thread, so one held
 * number delays every number behind it on the partition (head-of-line blocking), and the
 * consumer's poll loop waits with it. Per-number pacing without head-of-line blocking
 * replaces {@link #dispatch} with a hand-off to per-number queues; this class keeps the
 * one job of deciding a text's outcome.
 */
public class SubmissionFlow {

	private static final Logger log = LoggerFactory.getLogger(SubmissionFlow.class);

	private static final String METER = "dispatch.submissions";

	private final Carrier carrier;

	private final Submissions submissions;

	private final StatusPublisher statuses;

	private final DispatchSettings settings;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Pause pause;

	private final DoubleSupplier random;

	SubmissionFlow(Carrier carrier, Submissions submissions, StatusPublisher statuses, DispatchSettings settings,
			MeterRegistry meters, Clock clock, Pause pause, DoubleSupplier random) {
		this.carrier = carrier;
		this.submissions = submissions;
		this.statuses = statuses;
		this.settings = settings;
		this.meters = meters;
		this.clock = clock;
		this.pause = pause;
		this.random = random;
	}

	/**
	 * Decides the outcome of one requested text and publishes its statuses. Runs inside
	 * the caller's Kafka transaction: the status records commit with it.
	 * @param request the text
	 * @throws DispatchInterruptedException when the thread is interrupted while it waits;
	 * the request is then left for redelivery
	 */
	public void dispatch(MessageRequested request) {
		Optional<Submission> earlier = this.submissions.find(request.getMessageId());
		if (earlier.isPresent()) {
			log.info("Message {} was {} before; publishing that status again", request.getMessageId(),
					earlier.get().outcome());
			this.statuses.publish(earlier.get().toStatus(request));
			count("redelivered");
			return;
		}
		List<DeliveryStatus> changes = new ArrayList<>(2);
		Submission decided = this.submissions.record(decide(request, changes));
		changes.add(decided.toStatus(request));
		changes.forEach(this.statuses::publish);
	}

	/**
	 * Decides the outcome; adds the status changes on the way (QUEUED) to
	 * {@code changes}. They are published only once the outcome is decided, so the
	 * transaction touches the status topic for moments, not for the length of the
	 * carrier's retries: an open transaction would hold back every read-committed
	 * consumer of that partition.
	 */
	private Submission decide(MessageRequested request, List<DeliveryStatus> changes) {
		if (expired(request)) {
			count("expired");
			return Submission.expired(request, 0, now());
		}
		changes.add(Submission.statusOf(request, MessageStatus.QUEUED, 0, now()).build());
		OutboundText text = new OutboundText(request.getMessageId(), request.getAccountId(), request.getRecipient(),
				request.getSender(), request.getBody());
		int attempt = 0;
		int transientFailures = 0;
		int rateLimits = 0;
		while (true) {
			attempt++;
			CarrierAnswer answer = this.carrier.submit(text);
			Duration wait;
			if (answer instanceof CarrierAnswer.Accepted accepted) {
				count("submitted");
				return Submission.submitted(request, attempt, accepted.carrierMessageId(), now());
			}
			else if (answer instanceof CarrierAnswer.Refused refused) {
				log.info("Carrier refused message {} with code {}: {}", text.messageId(), refused.code(),
						refused.message());
				count("refused");
				return Submission.refused(request, attempt, refused.code(), refused.message(), now());
			}
			else if (answer instanceof CarrierAnswer.RateLimited limited) {
				rateLimits++;
				if (rateLimits > this.settings.rateLimit().maxWaits()) {
					count("rate_limited");
					return Submission.gaveUp(request, attempt, "CARRIER_RATE_LIMITED",
							"Carrier still rate-limited the number after " + (rateLimits - 1) + " waits", now());
				}
				wait = min(limited.retryAfter(), this.settings.rateLimit().maxRetryAfter());
				log.debug("Carrier rate-limited message {} (attempt {}); retrying in {}", text.messageId(), attempt,
						wait);
			}
			else {
				String reason = ((CarrierAnswer.Transient) answer).reason();
				transientFailures++;
				if (transientFailures >= this.settings.retry().maxAttempts()) {
					log.warn("Giving up on message {} after {} transient failures; last: {}", text.messageId(),
							transientFailures, reason);
					count("unavailable");
					return Submission.gaveUp(request, attempt, "CARRIER_UNAVAILABLE",
							"Carrier unavailable after " + transientFailures + " attempts: " + reason, now());
				}
				wait = this.settings.retry().backoff(transientFailures, this.random.getAsDouble());
				log.info("Transient carrier failure for message {} (attempt {}): {}; retrying in {}", text.messageId(),
						attempt, reason, wait);
			}
			// Skeleton: waits on the listener thread (head-of-line blocking).
			waitFor(wait);
			if (expired(request)) {
				count("expired");
				return Submission.expired(request, attempt, now());
			}
		}
	}

	private void waitFor(Duration wait) {
		try {
			this.pause.pause(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DispatchInterruptedException(ex);
		}
	}

	private boolean expired(MessageRequested request) {
		Instant expiresAt = request.getExpiresAt();
		return expiresAt != null && !now().isBefore(expiresAt);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private void count(String outcome) {
		Counter.builder(METER)
			.description("Texts dispatch took to an outcome, by outcome")
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * The thread was interrupted while a text waited for its next attempt (the service is
	 * stopping); the text is left undecided, for redelivery.
	 */
	public static class DispatchInterruptedException extends RuntimeException {

		DispatchInterruptedException(InterruptedException cause) {
			super("Interrupted while waiting to retry a carrier call", cause);
		}

	}

}
