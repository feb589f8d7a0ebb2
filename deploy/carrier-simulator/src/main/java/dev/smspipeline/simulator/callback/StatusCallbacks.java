package dev.smspipeline.simulator.callback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.smspipeline.simulator.scenario.FinalStatus;
import dev.smspipeline.simulator.scenario.Scenario;

/**
 * Plans the status callbacks of an accepted message, as Twilio posts them: sent, then
 * delivered, undelivered or failed. A message created without a Messaging Service starts
 * {@code queued}, which the create answer already says; Twilio posts no callback for a
 * message's initial status, and neither does the simulator.
 */
public final class StatusCallbacks {

	/** The {@code ApiVersion} Twilio reports. */
	public static final String API_VERSION = "2010-04-01";

	private StatusCallbacks() {
	}

	/**
	 * The callbacks of one message, in the order they are to be posted.
	 * @param message the message
	 * @param scenario the scenario of its recipient
	 * @param acceptedAtMillis when the carrier accepted it
	 * @return the callbacks
	 */
	public static List<Callback> plan(MessageFacts message, Scenario scenario, long acceptedAtMillis) {
		List<Callback> inOrder = new ArrayList<>(2);
		inOrder.add(new Callback(acceptedAtMillis + scenario.sentAfterMillis(), params(message, "sent", null, null)));
		FinalStatus finalStatus = scenario.finalStatus();
		if (finalStatus != FinalStatus.SILENT) {
			Integer code = finalStatus.isError() ? scenario.errorCode() : null;
			String reason = finalStatus.isError() ? scenario.errorMessage() : null;
			inOrder.add(new Callback(acceptedAtMillis + scenario.finalAfterMillis(),
					params(message, finalStatus.twilioStatus(), code, reason)));
		}
		if (!scenario.duplicateCallbacks()) {
			return inOrder;
		}
		long due = inOrder.get(inOrder.size() - 1).dueAtMillis();
		List<Callback> shuffled = new ArrayList<>(inOrder.size() * 2);
		for (int round = 0; round < 2; round++) {
			for (int i = inOrder.size() - 1; i >= 0; i--) {
				shuffled.add(new Callback(due, inOrder.get(i).params()));
			}
		}
		return shuffled;
	}

	private static Map<String, String> params(MessageFacts message, String status, Integer errorCode,
			String errorMessage) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("MessageSid", message.sid());
		params.put("SmsSid", message.sid());
		params.put("AccountSid", message.accountSid());
		params.put("From", (message.from() != null) ? message.from() : "");
		params.put("To", message.to());
		params.put("MessageStatus", status);
		params.put("SmsStatus", status);
		params.put("ApiVersion", API_VERSION);
		if (errorCode != null) {
			params.put("ErrorCode", Integer.toString(errorCode));
			params.put("ErrorMessage", errorMessage);
		}
		return params;
	}

	/**
	 * What the callbacks say about the message.
	 *
	 * @param sid the message SID
	 * @param accountSid the account SID
	 * @param from the sender
	 * @param to the recipient
	 */
	public record MessageFacts(String sid, String accountSid, String from, String to) {
	}

}
