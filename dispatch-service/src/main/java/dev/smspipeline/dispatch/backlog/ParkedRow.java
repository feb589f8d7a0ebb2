package dev.smspipeline.dispatch.backlog;

import java.time.Instant;
import java.util.Objects;

/**
 * One parked text: the original record of {@code sms.message-requested}, as it came.
 *
 * @param partition the source partition
 * @param offset the source offset: the text's place in its number's order
 * @param recipient the recipient (the record's key)
 * @param messageId the message id
 * @param campaignId the campaign, or {@code null}
 * @param value the record's value, Confluent wire format, as read
 * @param parkedAt when it was parked
 */
public record ParkedRow(int partition, long offset, String recipient, String messageId, String campaignId, byte[] value,
		Instant parkedAt) {

	public ParkedRow {
		Objects.requireNonNull(recipient, "recipient");
		Objects.requireNonNull(messageId, "messageId");
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(parkedAt, "parkedAt");
	}

}
