package dev.smspipeline.campaign.admission;

import java.time.Duration;
import java.util.Optional;

import dev.smspipeline.campaign.content.ContentViolation;

/**
 * What {@link AdmissionPolicy} needs to know about one text. The policy asks for each
 * fact only when the rules before it admitted the text, in the order below, so a caller
 * may look facts up lazily (a number that cannot be texted is never rendered). The
 * defaults say "nothing against it".
 */
public interface TextFacts {

	/**
	 * The number check's refusal: the number cannot be read or texted.
	 * @return the refusal with its reason code, or empty
	 */
	default Optional<Admission.Reject> numberRefused() {
		return Optional.empty();
	}

	/**
	 * Why the account may not text this recipient at all: a trial account's number it has
	 * not verified.
	 * @return the refusal with its reason code, or empty
	 */
	default Optional<Admission.Reject> recipientRefused() {
		return Optional.empty();
	}

	/**
	 * Why the recipient is on the account's suppression list.
	 * @return the reason, for a person, or empty when they are not
	 */
	default Optional<String> optedOut() {
		return Optional.empty();
	}

	/**
	 * SMS segments of the rendered body.
	 * @return the count
	 */
	default int segments() {
		return 0;
	}

	/**
	 * Most segments a text may have here.
	 * @return the limit
	 */
	default int maxSegments() {
		return Integer.MAX_VALUE;
	}

	/**
	 * The content rule the rendered body breaks.
	 * @return the violation, or empty
	 */
	default Optional<ContentViolation> contentViolation() {
		return Optional.empty();
	}

	/**
	 * When the text could go out.
	 * @return the timing facts
	 */
	Timing timing();

	/**
	 * The campaign's smart sending window.
	 * @return the window, or empty when smart sending is off
	 */
	default Optional<Duration> smartSendingWindow() {
		return Optional.empty();
	}

	/**
	 * Whether the recipient got a campaign text of the account within the smart sending
	 * window; asked only when there is one and the text would otherwise go out now.
	 * @return {@code true} to skip the text
	 */
	default boolean recentlyTexted() {
		return false;
	}

}
