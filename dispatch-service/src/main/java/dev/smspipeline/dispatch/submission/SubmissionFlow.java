package dev.smspipeline.dispatch.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smspipeline.dispatch.account.SenderOwnership;
import dev.smspipeline.dispatch.carrier.Carrier;
import dev.smspipeline.dispatch.carrier.CarrierAnswer;
import dev.smspipeline.dispatch.carrier.OutboundText;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.platform.logging.PhoneNumberMask;

/**
 * Takes one requested text one attempt closer to its outcome, and publishes the outcome.
 * It never waits: a retry is handed back as a {@link Step.Retry} for the scheduler to
 * time, so one held number never holds up a thread.
 *
 * <ol>
 * <li>One database round trip ({@link Submissions#precheck}): an outcome recorded for the
 * message already (a redelivery after a crash or a rebalance, or the same request twice)
 * is published again under its original event id, and nobody is called.</li>
 * <li>A cancellation of its campaign (or of its recipient in the campaign): CANCELED with
 * {@code CAMPAIGN_CANCELED} or {@code LEAD_DELETED}.</li>
 * <li>Past its {@code expiresAt}: EXPIRED.</li>
 * <li>The recipient opted out of the account's texts: REJECTED with
 * {@code OPTED_OUT}.</li>
 * <li>The account does not own the text's From number (and it is not a shared number), or
 * the account is suspended ({@link SenderOwnership}, from {@code sms.accounts}): REJECTED
 * with {@code SENDER_NOT_OWNED} or {@code ACCOUNT_SUSPENDED}. Asked at every attempt, so
 * a number moved to another account or a suspension applies to texts that were already
 * waiting. The carrier gets the From number in its canonical form.</li>
 * <li>Otherwise one create call: accepted is SUBMITTED with the carrier's SID; refused is
 * FAILED with the carrier's code and reason; a 21610 (the recipient unsubscribed at the
 * carrier) is also an opt-out: recorded for the precheck at once and published to
 * {@code sms.opt-outs} with the status, so campaign-service stops the rest too;
 * rate-limited is a retry after the carrier's wait that holds the recipient (429, 20429)
 * or the pair (14107), given up after {@code sms.dispatch.rate-limit.max-waits}; a
 * transient failure is a retry after an exponential backoff with jitter, given up when
 * {@code sms.dispatch.retry.max-attempts} have failed. Every retry carries the same
 * idempotency token. A text given up ends:
 * <ul>
 * <li>DELIVERY_UNKNOWN ({@value #CARRIER_NO_ANSWER}) when any of its attempts may have
 * reached the carrier without an answer coming back (a response timeout, a connection
 * lost after sending: {@link CarrierAnswer.Transient#maybeTaken()}). The carrier may well
 * have taken the text and may still report it; its later DELIVERED, UNDELIVERED or FAILED
 * callback overrides DELIVERY_UNKNOWN in the status store, while FAILED would be final
 * there and hide a delivered text;</li>
 * <li>FAILED otherwise ({@value #CARRIER_UNAVAILABLE}: every attempt was answered 5xx or
 * never reached the carrier; {@value #CARRIER_RATE_LIMITED}).</li>
 * </ul>
 * </li>
 * </ol>
 *
 * <p>
 * An outcome is recorded in the {@code submission} table first, then its status is
 * published; every create call carries the message id as idempotency token, so a call
 * repeated after a crash between the carrier's answer and the row gets the carrier's
 * first answer, never a second text.
 */
public class SubmissionFlow {

	private static final Logger log = LoggerFactory.getLogger(SubmissionFlow.class);

	/** Reason code of a text whose recipient opted out of its account's texts. */
	public static final String OPTED_OUT = "OPTED_OUT";

	/**
	 * Reason code of a FAILED text whose attempts ran out, none of which the carrier can
	 * have taken.
	 */
	public static final String CARRIER_UNAVAILABLE = "CARRIER_UNAVAILABLE";

	/**
	 * Reason code of a DELIVERY_UNKNOWN text whose attempts ran out, some of which the
	 * carrier may have taken: it never answered them.
	 */
	public static final String CARRIER_NO_ANSWER = "CARRIER_NO_ANSWER";

	/**
	 * Reason code of a FAILED text the carrier kept rate-limiting past
	 * {@code sms.dispatch.rate-limit.max-waits}.
	 */
	public static final String CARRIER_RATE_LIMITED = "CARRIER_RATE_LIMITED";

	/**
	 * Reason code of a FAILED text dead-lettered because processing it kept throwing
	 * ({@code sms.intake.max-attempts}).
	 */
	public static final String PROCESSING_FAILED = "PROCESSING_FAILED";

	/**
	 * The longest description of a {@value #PROCESSING_FAILED} status: an exception
	 * message can be anything (a whole SQL statement), and the status topic is public.
	 */
	static final int MAX_FAILURE_DESCRIPTION = 256;

	private final Carrier carrier;

	private final Submissions submissions;

	private final EventPublisher statuses;

	private final OptOutRecorder optOuts;

	private final SenderOwnership senders;

	private final DispatchSettings settings;

	private final Duration pairHold;

	private final MeterRegistry meters;

	private final Clock clock;

	private final DoubleSupplier random;

	private final Counter submitted;

	private final Counter redelivered;

	private final Map<String, Counter> failures = new ConcurrentHashMap<>();

	private final Map<MessageStatus, Counter> outcomes = new ConcurrentHashMap<>();

	private final Map<String, Timer> calls = new ConcurrentHashMap<>();

	SubmissionFlow(Carrier carrier, Submissions submissions, EventPublisher statuses, OptOutRecorder optOuts,
			SenderOwnership senders, DispatchSettings settings, Duration pairHold, MeterRegistry meters, Clock clock,
			DoubleSupplier random) {
		this.carrier = carrier;
		this.submissions = submissions;
		this.statuses = statuses;
		this.optOuts = optOuts;
		this.senders = senders;
		this.settings = settings;
		this.pairHold = pairHold;
		this.meters = meters;
		this.clock = clock;
		this.random = random;
		this.submitted = Counter.builder("sms.dispatch.submitted")
			.description("Texts the carrier accepted")
			.register(meters);
		this.redelivered = Counter.builder("sms.dispatch.redelivered")
			.description("Texts taken again whose outcome was recorded before: republished, nobody called")
			.register(meters);
	}

	/**
	 * Publishes QUEUED for a text dispatch took and will send.
	 * @param request the text
	 * @return completes once the broker has the event
	 */
	public CompletableFuture<Void> queued(MessageRequested request) {
		return this.statuses.publish(Submission.statusOf(request, MessageStatus.QUEUED, 0, now()).build());
	}

	/**
	 * One attempt: the precheck, then at most one create call.
	 * @param text the text
	 * @return its outcome or when to try again
	 */
	public Step attempt(PendingText text) {
		return run(text, true);
	}

	/**
	 * Decides a text without calling the carrier, when the precheck decides it (decided
	 * before, cancelled, expired, opted out, a sender its account does not own).
	 * @param text the text
	 * @return its outcome, or {@code null} when it needs the carrier
	 */
	public Step.Decided settle(PendingText text) {
		return (Step.Decided) run(text, false);
	}

	/**
	 * Ends a text that is dead-lettered because processing it kept throwing: FAILED
	 * {@value #PROCESSING_FAILED}, the exception's message as description. Without it the
	 * text would show QUEUED forever. Recorded like every outcome when the database takes
	 * it, so a redelivery republishes it instead of trying again; published either way
	 * (the failure may well be the database), under an event id that does not depend on
	 * how far the attempts got, so dead-lettering the same text again is the same event.
	 * @param text the text
	 * @param failure the last failure
	 * @return completes once the broker has the status
	 */
	public CompletableFuture<Void> processingFailed(PendingText text, Exception failure) {
		MessageRequested request = text.request();
		Submission outcome = Submission.gaveUp(request, text.attempts(), PROCESSING_FAILED, describe(failure), now());
		Submission recorded;
		try {
			recorded = this.submissions.record(outcome);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot record that message {} failed processing ({}); publishing its status anyway",
					request.getMessageId(), ex.toString());
			recorded = outcome;
		}
		count(recorded);
		return publish(request, recorded);
	}

	private static String describe(Exception failure) {
		String message = failure.getMessage();
		String description = (message != null && !message.isBlank()) ? message : failure.getClass().getName();
		return (description.length() > MAX_FAILURE_DESCRIPTION)
				? description.substring(0, MAX_FAILURE_DESCRIPTION - 1) + "…" : description;
	}

	private Step run(PendingText text, boolean callCarrier) {
		MessageRequested request = text.request();
		Submissions.Precheck precheck = this.submissions.precheck(request);
		if (precheck.earlier() != null) {
			Submission earlier = precheck.earlier();
			log.debug("Message {} was {} before; publishing that status again", request.getMessageId(),
					earlier.outcome());
			this.redelivered.increment();
			// A crash may have come between the outcome row and its events: send them all
			// again.
			return new Step.Decided(earlier, publish(request, earlier), null, false);
		}
		Instant now = now();
		if (precheck.cancellation() != null) {
			return decide(request, Submission.canceled(request, text.attempts(), precheck.cancellation(), now), null,
					false);
		}
		if (expired(request, now)) {
			return decide(request, Submission.expired(request, text.attempts(), now), null, false);
		}
		if (precheck.optedOut()) {
			return decide(request, Submission.rejected(request, text.attempts(), OPTED_OUT, now), null, false);
		}
		SenderOwnership.Verdict sender = this.senders.check(request);
		if (sender instanceof SenderOwnership.Verdict.Refused refused) {
			log.warn("Rejecting message {} of account {} ({}): {}", request.getMessageId(), request.getAccountId(),
					refused.reasonCode(), refused.why());
			return decide(request, Submission.rejected(request, text.attempts(), refused.reasonCode(), now), null,
					false);
		}
		if (!callCarrier) {
			return null;
		}
		return call(text, ((SenderOwnership.Verdict.Allowed) sender).from());
	}

	private Step call(PendingText text, String from) {
		MessageRequested request = text.request();
		int attempt = text.nextAttempt();
		OutboundText outbound = new OutboundText(request.getMessageId(), request.getAccountId(), request.getRecipient(),
				from, request.getBody());
		long started = System.nanoTime();
		CarrierAnswer answer = this.carrier.submit(outbound);
		Instant answeredAt = now();
		timer(answer).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		if (answer instanceof CarrierAnswer.Accepted accepted) {
			this.submitted.increment();
			return decide(request, Submission.submitted(request, attempt, accepted.carrierMessageId(), answeredAt),
					answeredAt, true);
		}
		if (answer instanceof CarrierAnswer.Refused refused) {
			log.info("Carrier refused message {} with code {}: {}", request.getMessageId(), refused.code(),
					PhoneNumberMask.maskAll(refused.message()));
			return decide(request, Submission.refused(request, attempt, refused.code(), refused.message(), answeredAt),
					answeredAt, true);
		}
		if (answer instanceof CarrierAnswer.RateLimited limited) {
			if (text.rateLimited() > this.settings.rateLimit().maxWaits()) {
				String stillLimited = "still rate-limited the number after " + this.settings.rateLimit().maxWaits()
						+ " waits (code " + limited.code() + ")";
				return giveUp(text, attempt, CARRIER_RATE_LIMITED, "Carrier " + stillLimited, stillLimited, answeredAt,
						false);
			}
			boolean pair = limited.scope() == CarrierAnswer.HoldScope.PAIR;
			Duration wait = (limited.retryAfter() != null) ? limited.retryAfter()
					: (pair ? this.pairHold : DispatchSettings.RateLimit.DEFAULT_RETRY_AFTER);
			wait = min(wait, this.settings.rateLimit().maxRetryAfter());
			log.debug("Carrier rate-limited message {} ({} {}, attempt {}); holding for {}", request.getMessageId(),
					limited.code(), limited.scope(), attempt, wait);
			return new Step.Retry(answeredAt.plus(wait), pair ? Step.Hold.PAIR : Step.Hold.RECIPIENT, answeredAt,
					false);
		}
		CarrierAnswer.Transient failure = (CarrierAnswer.Transient) answer;
		String reason = failure.reason();
		if (failure.maybeTaken()) {
			text.unanswered();
		}
		int failures = text.transientFailure();
		if (failures >= this.settings.retry().maxAttempts()) {
			return giveUp(text, attempt, CARRIER_UNAVAILABLE,
					"Carrier unavailable after " + failures + " attempts: " + reason, reason, answeredAt, true);
		}
		Duration backoff = this.settings.retry().backoff(failures, this.random.getAsDouble());
		log.info("Transient carrier failure for message {} (attempt {}): {}; retrying in {}", request.getMessageId(),
				attempt, PhoneNumberMask.maskAll(reason), backoff);
		return new Step.Retry(answeredAt.plus(backoff), Step.Hold.NONE, answeredAt, true);
	}

	/**
	 * The end of a text whose attempts ran out: FAILED with {@code reasonCode}, unless an
	 * earlier attempt went unanswered. Then the carrier may have taken the text (and the
	 * later calls, under the same idempotency token, could not tell): DELIVERY_UNKNOWN
	 * ({@value #CARRIER_NO_ANSWER}), which its delivery callbacks still override.
	 * @param text the text
	 * @param attempt the create call the outcome belongs to
	 * @param reasonCode our reason for FAILED
	 * @param description why we gave up, for FAILED
	 * @param last the last call's problem, for DELIVERY_UNKNOWN
	 * @param answeredAt when the last call was answered
	 * @param submission whether the last call counts as a submission for pacing
	 * @return the outcome
	 */
	private Step.Decided giveUp(PendingText text, int attempt, String reasonCode, String description, String last,
			Instant answeredAt, boolean submission) {
		MessageRequested request = text.request();
		int unanswered = text.unansweredAttempts();
		if (unanswered > 0) {
			String unknown = "No answer from the carrier to " + unanswered + " of " + attempt
					+ " attempts: it may have taken the text, and its delivery report will tell (last: " + last + ")";
			log.warn("Giving up on message {} as DELIVERY_UNKNOWN: {}", request.getMessageId(),
					PhoneNumberMask.maskAll(unknown));
			return decide(request, Submission.unknown(request, attempt, CARRIER_NO_ANSWER, unknown, answeredAt),
					answeredAt, submission);
		}
		log.warn("Giving up on message {}: {}", request.getMessageId(), PhoneNumberMask.maskAll(description));
		return decide(request, Submission.gaveUp(request, attempt, reasonCode, description, answeredAt), answeredAt,
				submission);
	}

	private Step.Decided decide(MessageRequested request, Submission outcome, Instant answeredAt, boolean submission) {
		Submission recorded = this.submissions.record(outcome);
		count(recorded);
		return new Step.Decided(recorded, publish(request, recorded), answeredAt, submission);
	}

	private CompletableFuture<Void> publish(MessageRequested request, Submission outcome) {
		CompletableFuture<Void> status = this.statuses.publish(outcome.toStatus(request));
		if (!CarrierOptOut.reportedBy(outcome)) {
			return status;
		}
		OptOutChange change = CarrierOptOut.of(request, outcome.decidedAt());
		this.optOuts.record(change);
		return CompletableFuture.allOf(status, this.statuses.publish(change));
	}

	private void count(Submission outcome) {
		this.outcomes
			.computeIfAbsent(outcome.outcome(),
					(status) -> Counter.builder("sms.dispatch.outcomes")
						.description("Texts dispatch took to an outcome, by status (DELIVERY_UNKNOWN: gave up "
								+ "without knowing whether the carrier took the text)")
						.tag("status", status.name())
						.register(this.meters))
			.increment();
		String code = outcome.failureCode();
		if (outcome.outcome() == MessageStatus.FAILED && code != null) {
			this.failures
				.computeIfAbsent(code,
						(tag) -> Counter.builder("sms.dispatch.failed")
							.description("Texts that ended FAILED, by carrier error code or our reason")
							.tag("code", tag)
							.register(this.meters))
				.increment();
		}
	}

	private Timer timer(CarrierAnswer answer) {
		String outcome;
		if (answer instanceof CarrierAnswer.Accepted) {
			outcome = "accepted";
		}
		else if (answer instanceof CarrierAnswer.Refused) {
			outcome = "refused";
		}
		else if (answer instanceof CarrierAnswer.RateLimited) {
			outcome = "rate_limited";
		}
		else {
			outcome = "transient";
		}
		return this.calls.computeIfAbsent(outcome,
				(tag) -> Timer.builder("sms.carrier.call")
					.description("Create-message calls to the carrier, by outcome")
					.tag("outcome", tag)
					.publishPercentileHistogram()
					.register(this.meters));
	}

	private static boolean expired(MessageRequested request, Instant now) {
		Instant expiresAt = request.getExpiresAt();
		return expiresAt != null && !now.isBefore(expiresAt);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
