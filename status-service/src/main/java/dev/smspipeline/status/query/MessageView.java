package dev.smspipeline.status.query;

import java.time.Instant;
import java.util.List;

/**
 * Answer to {@code GET /api/v1/messages/{id}}.
 *
 * @param messageId the text's id
 * @param recipient the number it goes to, E.164, once an event named it
 * @param sender the number it is sent from, once an event named it
 * @param campaignId the campaign it belongs to, if any
 * @param status its current status; never moves backwards
 * @param reasonCode our reason for the current status (REJECTED, CANCELED)
 * @param carrierErrorCode the carrier's error code for the current status, verbatim
 * @param carrierErrorDescription what that code means
 * @param carrierMessageId the carrier's id of the text
 * @param segments SMS segments it takes
 * @param createdAt when its first event occurred
 * @param updatedAt when its current status was reached
 * @param history every status event, oldest first
 */
public record MessageView(String messageId, String recipient, String sender, String campaignId, String status,
		String reasonCode, String carrierErrorCode, String carrierErrorDescription, String carrierMessageId,
		Integer segments, Instant createdAt, Instant updatedAt, List<StatusChange> history) {

	MessageView withHistory(List<StatusChange> history) {
		return new MessageView(this.messageId, this.recipient, this.sender, this.campaignId, this.status,
				this.reasonCode, this.carrierErrorCode, this.carrierErrorDescription, this.carrierMessageId,
				this.segments, this.createdAt, this.updatedAt, List.copyOf(history));
	}

	/**
	 * One status event of a text.
	 *
	 * @param status the status it reported
	 * @param occurredAt when it happened
	 * @param source who reported it: CAMPAIGN, DISPATCH, CARRIER_CALLBACK, STATUS_AGEING
	 * @param reasonCode our reason, if any
	 * @param carrierErrorCode the carrier's error code, if any
	 * @param carrierErrorDescription what that code means
	 */
	public record StatusChange(String status, Instant occurredAt, String source, String reasonCode,
			String carrierErrorCode, String carrierErrorDescription) {

	}

}
