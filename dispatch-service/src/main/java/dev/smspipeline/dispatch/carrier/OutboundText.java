package dev.smspipeline.dispatch.carrier;

import java.util.Objects;

/**
 * One text as the carrier is asked to send it.
 *
 * @param messageId our id for the text: the idempotency token of every create call for it
 * and a part of its status callback URL
 * @param accountId the account the text belongs to, also put in the status callback URL
 * @param to the recipient, E.164
 * @param from the sender number, or {@code null} to leave {@code From} out
 * @param body the text
 */
public record OutboundText(String messageId, String accountId, String to, String from, String body) {

	public OutboundText {
		Objects.requireNonNull(messageId, "messageId");
		Objects.requireNonNull(accountId, "accountId");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(body, "body");
	}

}
