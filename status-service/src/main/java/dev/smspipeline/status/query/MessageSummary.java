package dev.smspipeline.status.query;

import java.time.Instant;

/**
 * A text in a list: {@code GET /api/v1/messages?status=…} and {@code GET
 * /api/v1/recipients/{e164}/messages}. Its history is at {@code GET
 * /api/v1/messages/{messageId}}.
 *
 * @param messageId the text's id
 * @param recipient the number it goes to
 * @param campaignId its campaign, if any
 * @param status its current status
 * @param reasonCode our reason for the current status (REJECTED, CANCELED, aged)
 * @param carrierErrorCode the carrier's error code, verbatim
 * @param carrierErrorDescription what that code means
 * @param createdAt when its first event occurred (the list's order, newest first)
 * @param updatedAt when its current status was reached
 */
public record MessageSummary(String messageId, String recipient, String campaignId, String status, String reasonCode,
		String carrierErrorCode, String carrierErrorDescription, Instant createdAt, Instant updatedAt) {

}
