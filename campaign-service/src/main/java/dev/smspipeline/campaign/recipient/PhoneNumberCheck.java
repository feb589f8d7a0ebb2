package dev.smspipeline.campaign.recipient;

/**
 * What checking a phone number found: an E.164 number that may be texted, or why not.
 */
public sealed interface PhoneNumberCheck {

	/** The number may be texted. */
	record Accepted(String e164, String region) implements PhoneNumberCheck {
	}

	/**
	 * The number may not be texted.
	 *
	 * @param reasonCode docs/contracts.md's REJECTED reason code
	 * @param reason for a person to read
	 */
	record Rejected(String reasonCode, String reason) implements PhoneNumberCheck {
	}

}
