package dev.smspipeline.status.query;

import java.time.Instant;

/**
 * A recipient in {@code GET /api/v1/recipients?latestStatus=…} or {@code ?minFailed=…}.
 *
 * @param recipient the number, E.164
 * @param messageCount texts of the account to this number
 * @param failedCount of those, texts in the error bucket (UNDELIVERED, FAILED, REJECTED,
 * EXPIRED)
 * @param latestMessageId the newest text to this number
 * @param latestStatus its current status
 * @param latestCreatedAt when it was created (the list's order, newest first)
 * @param latestReasonCode its reason code, if any
 * @param latestCarrierErrorCode its carrier error code, if any
 * @param latestCarrierErrorDescription what that code means
 */
public record RecipientView(String recipient, long messageCount, long failedCount, String latestMessageId,
		String latestStatus, Instant latestCreatedAt, String latestReasonCode, String latestCarrierErrorCode,
		String latestCarrierErrorDescription) {

}
