package dev.smspipeline.status.callback;

import java.util.Map;

/**
 * What the carrier's error codes mean, for a person reading why a text failed. Twilio's
 * codes; a code not listed keeps the carrier's own message, or just its number.
 *
 * @see <a href="https://www.twilio.com/docs/api/errors">Twilio error codes</a>
 */
final class CarrierErrorCodes {

	private static final Map<String, String> DESCRIPTIONS = Map
		.ofEntries(Map.entry("21211", "Invalid 'To' phone number: the number is not a valid phone number"), Map.entry(
				"21408",
				"Permission to send an SMS has not been enabled for the region of the 'To' number (country not enabled)"),
				Map.entry("21610",
						"The recipient has unsubscribed (replied STOP); the carrier refuses texts to the number"
								+ " until it replies START"),
				Map.entry("21612", "The 'To' number is not currently reachable via SMS"),
				Map.entry("21614", "'To' number is not a valid mobile number: most likely a landline"),
				Map.entry("30001", "Queue overflow: too many texts were queued at the carrier for this sender"),
				Map.entry("30002", "The carrier account is suspended"),
				Map.entry("30003", "Unreachable destination handset: the phone is off or out of coverage"),
				Map.entry("30004", "Message blocked: the recipient or their carrier blocks texts from this sender"),
				Map.entry("30005", "Unknown destination handset: the number does not exist or is no longer in service"),
				Map.entry("30006", "Landline or unreachable carrier: the number cannot receive texts"),
				Map.entry("30007", "Message filtered: the carrier flagged it as spam or unwanted content"),
				Map.entry("30008", "Unknown error: the carrier did not say why the text was not delivered"),
				Map.entry("30009", "Missing segment: part of a multi-part text was lost"),
				Map.entry("30010", "Message price exceeds the maximum price set for it"),
				Map.entry("30032", "The sender's toll-free number has not been verified"),
				Map.entry("30034", "The sender's number is not registered for US A2P 10DLC messaging"));

	private CarrierErrorCodes() {
	}

	/**
	 * A description of {@code code}.
	 * @param code the carrier's error code, verbatim
	 * @param carrierMessage the carrier's own message for it, if the callback had one
	 * @return what it means, never {@code null}
	 */
	static String describe(String code, String carrierMessage) {
		String known = DESCRIPTIONS.get(code);
		if (known != null) {
			return known;
		}
		return (carrierMessage != null && !carrierMessage.isBlank()) ? carrierMessage.trim() : "Carrier error " + code;
	}

}
