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
 * <li>a recipient on the account's suppression list: REJECTED, {@code OPTED_OUT};</li>
 * <li>a body over the segment limit: REJECTED, {@code TOO_LONG};</li>
 * <li>a body that breaks a content rule: REJECTED, {@code CONTENT_POLICY};</li>
 * <li>timing: a one-off goes out now (or at its {@code notBefore}); a campaign text being
 * created is held until its send time, or EXPIRED when quiet hours outlast its validity;
 * a due campaign text whose validity passed is EXPIRED ({@code VALIDITY_PASSED}), one
 * that fell into quiet hours is held to the next allowed minute or EXPIRED when that is
 * too late;</li>
 * <li>smart sending: a recipient who got a campaign text of the account within the window
 * is skipped ({@code SMART_SENDING_WINDOW});</li>
 * <li>otherwise the text goes out.</li>
 * </ol>
 * Pure: no state, no I/O; it only reads the facts it is given.
 */
public final class AdmissionPolicy {

	/** Reason code of a text whose rendered body has too many segments. */
	public static final String TOO_LONG = "TOO_LONG";

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

	private static Admission timed(Timing timing) {
		if (timing instanceof Timing.OnRequest request) {
			Instant notBefore = (request.notBefore() != null && request.notBefore().isAfter(request.now()))
					? request.notBefore() : null;
			return new Admission.Send(notBefore,
					((notBefore != null) ? notBefore : request.now()).plus(request.validity()));
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
