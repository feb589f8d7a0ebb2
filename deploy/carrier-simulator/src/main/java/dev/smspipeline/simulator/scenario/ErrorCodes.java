package dev.smspipeline.simulator.scenario;

import java.util.Map;

/**
 * Twilio's messages for the error codes the simulator uses.
 */
public final class ErrorCodes {

	private static final Map<Integer, String> MESSAGES = Map.ofEntries(Map.entry(21211, "Invalid 'To' Phone Number"),
			Map.entry(21602, "Message body is required."), Map.entry(21604, "A 'To' phone number is required."),
			Map.entry(21609, "Invalid 'StatusCallback' url"),
			Map.entry(21610, "Attempt to send to unsubscribed recipient"),
			Map.entry(21612, "The 'To' phone number is not currently reachable via SMS"),
			Map.entry(21614, "'To' number is not a valid mobile number"),
			Map.entry(21617, "The concatenated message body exceeds the 1600 character limit"),
			Map.entry(30003, "Unreachable destination handset"), Map.entry(30004, "Message blocked"),
			Map.entry(30005, "Unknown destination handset"), Map.entry(30006, "Landline or unreachable carrier"),
			Map.entry(30007, "Message filtered"), Map.entry(30008, "Unknown error"));

	private ErrorCodes() {
	}

	/**
	 * Twilio's message for a code.
	 * @param code the error code
	 * @return the message, or a generic one for codes the simulator does not know
	 */
	public static String message(int code) {
		return MESSAGES.getOrDefault(code, "Error " + code);
	}

}
