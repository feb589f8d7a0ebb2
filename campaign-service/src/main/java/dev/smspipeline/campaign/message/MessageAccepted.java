package dev.smspipeline.campaign.message;

/**
 * Answer to {@code POST /api/v1/messages}.
 *
 * @param messageId id to follow the text by
 * @param status REQUESTED, or REJECTED with a reason
 * @param recipient the number in E.164 when it could be read
 * @param reasonCode why it was rejected
 * @param reason the same for a person
 */
public record MessageAccepted(String messageId, String status, String recipient, String reasonCode, String reason) {

}
