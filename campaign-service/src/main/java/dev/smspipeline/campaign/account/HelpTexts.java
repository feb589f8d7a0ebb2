package dev.smspipeline.campaign.account;

import dev.smspipeline.platform.sms.SmsSegments;

/**
 * The rule for an account's help text: the carrier sends it back as one text, so it must
 * fit one SMS segment (160 GSM-7 characters, a character of GSM-7's extension table
 * counting two; 70 when any character needs UCS-2). Stored stripped; blank is none.
 */
final class HelpTexts {

	/** The reason a help text is refused. */
	static final String TOO_LONG = "must fit one SMS segment: at most 160 GSM-7 characters, "
			+ "or 70 when it has a character outside GSM-7";

	private HelpTexts() {
	}

	/**
	 * The help text as stored.
	 * @param raw as the operator wrote it, or {@code null}
	 * @return stripped, or {@code null} when absent or blank
	 */
	static String normalized(String raw) {
		return (raw != null && !raw.isBlank()) ? raw.strip() : null;
	}

	/**
	 * Whether a help text fits one segment.
	 * @param text a normalized help text
	 * @return whether the carrier sends it as one segment
	 */
	static boolean fits(String text) {
		return SmsSegments.count(text) == 1;
	}

}
