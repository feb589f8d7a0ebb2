package dev.smspipeline.campaign.admission;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.smspipeline.campaign.consent.OptOut;
import dev.smspipeline.campaign.content.ContentViolation;
import dev.smspipeline.campaign.schedule.SendTimes;

/**
 * Decides what becomes of a text, for one-off requests, campaign processing and campaign
 * release alike. The rules, in order; the first that applies decides:
 * <ol>
 * <li>a number that cannot be texted: REJECTED with the number check's code;</li>
 * <li>a number the account may not text (a trial account's unverified number): REJECTED,
 * {@code TRIAL_RECIPIENT};</li>
 * <li>a recipient on the account's suppression list: REJECTED, {@code OPTED_OUT};</li>
 * <li>a body over the segment limit: REJECTED, {@code TOO_LONG};</li>
 * <li>a body that breaks a content rule: REJECTED, {@code CONTENT_POLICY};</li>
 * <li>timing: a one-off whose validity (from the later of its request and its
 * {@code sendAt}) passed before it was read is EXPIRED
 * ({@code VALIDITY_PASSED_BEFORE_INTAKE}); one whose {@code sendAt} or recipient's quiet
 * hours (when it respects them) lie more than a second ahead is held until then, or
 * EXPIRED when quiet hours outlast its validity; otherwise it goes out now; a campaign
 * text being created is held until its send time, or EXPIRED when quiet hours outlast its
 * validity; a due campaign text whose validity passed is EXPIRED
 * ({@code VALIDITY_PASSED}), one that fell into quiet hours is held to the next allowed
 * minute or EXPIRED when that is too late;</li>
 * <li>smart sending: a recipient who got a campaign text of the account within the window
 * is skipped ({@code SMART_SENDING_WINDOW});</li>
 * <li>otherwise the text goes out.</li>
 * </ol>
 * Pure: no state, no I/O; it only reads the facts it is given.
 */
public final class AdmissionPolicy {

	/** Reason code of a text whose rendered body has too many segments. */
	public static final String TOO_LONG = "TOO_LONG";

	/**
	 * Reason code of a one-off whose validity had passed when its request was read (a CRM
	 * record read late, or replayed after a consumer-group reset).
	 */
	public static final String VALIDITY_PASSED_BEFORE_INTAKE = "VALIDITY_PASSED_BEFORE_INTAKE";

	/**
	 * How far ahead a one-off's send time must be for it to be held here rather than
	 * handed to dispatch with {@code notBefore}.
	 */
	public static final Duration HOLD_THRESHOLD = Duration.ofSeconds(1);

	/** Reason code of a text smart sending skipped. */
	public static final String SMART_SENDING_WINDOW = "SMART_SENDING_WINDOW";

	private AdmissionPolicy() {
	}

	/**
	 * What becomes of the text.
	 * @param facts the text's facts, asked for in the order of the rules
	 * @return the decision
	 */
	public static Admission decide(TextFacts facts) {
		Optional<Admission.Reject> refused = facts.numberRefused();
		if (refused.isPresent()) {
			return refused.get();
		}
		Optional<Admission.Reject> notAllowed = facts.recipientRefused();
		if (notAllowed.isPresent()) {
			return notAllowed.get();
		}
		Optional<String> optedOut = facts.optedOut();
		if (optedOut.isPresent()) {
			return new Admission.Reject(OptOut.OPTED_OUT, optedOut.get(), null);
		}
		int segments = facts.segments();
		if (segments > facts.maxSegments()) {
			return new Admission.Reject(TOO_LONG,
					"renders to " + segments + " SMS segments; the limit is " + facts.maxSegments(), null);
		}
		Optional<ContentViolation> violation = facts.contentViolation();
		if (violation.isPresent()) {
			return new Admission.Reject(ContentViolation.CONTENT_POLICY, violation.get().reason(),
					violation.get().rule());
		}
		Admission timed = timed(facts.timing());
		if (!(timed instanceof Admission.Send)) {
			return timed;
		}
		Optional<Duration> window = facts.smartSendingWindow();
		if (window.isPresent() && facts.recentlyTexted()) {
			return new Admission.Skip(SMART_SENDING_WINDOW, "the recipient got a campaign text within " + window.get());
		}
		return timed;
	}

	/**
	 * A one-off: its validity runs from when it was to go out, the later of when it was
	 * requested and its {@code sendAt}; a request read after that ends EXPIRED. It goes
	 * out now unless its {@code sendAt} or the recipient's quiet hours are more than
	 * {@link #HOLD_THRESHOLD} ahead: then it is held here, or EXPIRED when quiet hours
	 * outlast its validity.
	 */
	private static Admission onRequest(Timing.OnRequest request) {
		Instant now = request.now();
		// A requestedAt ahead of this clock (a producer's skewed clock) counts as now: it
		// never delays a text.
		Instant requestedAt = (request.requestedAt() != null && request.requestedAt().isBefore(now))
				? request.requestedAt() : now;
		Instant intended = (request.notBefore() != null && request.notBefore().isAfter(requestedAt))
				? request.notBefore() : requestedAt;
		Instant expiresAt = intended.plus(request.validity());
		if (!expiresAt.isAfter(now)) {
			return new Admission.Expire(VALIDITY_PASSED_BEFORE_INTAKE, "its validity of " + request.validity()
					+ " ended at " + expiresAt + ", before the request was read", expiresAt);
		}
		Instant from = intended.isAfter(now) ? intended : now;
		Instant allowed = SendTimes.allowed(from, request.quietHours(), request.zones());
		if (allowed == null || !allowed.isBefore(expiresAt)) {
			return new Admission.Expire(SendTimes.QUIET_HOURS_OUTLAST_VALIDITY,
					"quiet hours in " + request.zones() + " outlast its validity of " + request.validity(), expiresAt);
		}
		if (allowed.isAfter(now.plus(HOLD_THRESHOLD))) {
			return new Admission.HoldUntil(allowed, expiresAt);
		}
		return new Admission.Send(allowed.isAfter(now) ? allowed : null, expiresAt);
	}

	private static Admission timed(Timing timing) {
		if (timing instanceof Timing.OnRequest request) {
			return onRequest(request);
		}
		if (timing instanceof Timing.Scheduled scheduled) {
			SendTimes.Plan plan = SendTimes.plan(scheduled.startedAt(), scheduled.sendAt(), scheduled.sendAtLocalTime(),
					scheduled.quietHours(), scheduled.validity(), scheduled.zones());
			if (plan instanceof SendTimes.Plan.Expire expire) {
				return new Admission.Expire(expire.reasonCode(), expire.reason(), expire.expiresAt());
			}
			SendTimes.Plan.Release release = (SendTimes.Plan.Release) plan;
			return new Admission.HoldUntil(release.releaseAt(), release.expiresAt());
		}
		Timing.Due due = (Timing.Due) timing;
		if (!due.expiresAt().isAfter(due.now())) {
			return new Admission.Expire(SendTimes.VALIDITY_PASSED,
					"its validity ended at " + due.expiresAt() + " before it could be released", due.expiresAt());
		}
		if (due.quietHours().enabled()) {
			Instant allowed = SendTimes.allowed(due.now(), due.quietHours(), due.zones());
			if (allowed == null || !allowed.isBefore(due.expiresAt())) {
				return new Admission.Expire(SendTimes.QUIET_HOURS_OUTLAST_VALIDITY,
						"quiet hours in " + due.zones() + " outlast its validity", due.expiresAt());
			}
			if (allowed.isAfter(due.now())) {
				return new Admission.HoldUntil(allowed, due.expiresAt());
			}
		}
		return new Admission.Send(due.releaseAt(), due.expiresAt());
	}

}
