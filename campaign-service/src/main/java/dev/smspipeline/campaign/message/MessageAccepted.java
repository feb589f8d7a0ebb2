package dev.smspipeline.campaign.message;

/**
 * Answer to {@code POST /api/v1/messages} (HTTP 202), also what an idempotency key
 * answers again.
 *
 * @param messageId id to follow the text by; of a duplicate, the first text's
 * @param status REQUESTED; SCHEDULED (held until {@code releaseAt}); REJECTED or EXPIRED
 * with a reason
 * @param recipient the number in E.164 when it could be read
 * @param reasonCode why it was rejected: {@code INVALID_NUMBER},
 * {@code UNSUPPORTED_COUNTRY}, {@code OPTED_OUT}, {@code CONTENT_POLICY}; or why it
 * expired: {@code VALIDITY_PASSED_BEFORE_INTAKE}, {@code QUIET_HOURS_OUTLAST_VALIDITY}
 * @param reason the same for a person
 * @param rule the content rule that matched ({@code CONTENT_POLICY} only)
 * @param duplicateOf the text this request repeats (same account, recipient and body
 * within the duplicate window): nothing was sent for this request
 * @param releaseAt when a SCHEDULED text is to go out (its {@code sendAt}, or the end of
 * the recipient's quiet hours), ISO-8601
 */
public record MessageAccepted(String messageId, String status, String recipient, String reasonCode, String reason,
		String rule, String duplicateOf, String releaseAt) {

	MessageAccepted(String messageId, String status, String recipient, String reasonCode, String reason, String rule,
			String duplicateOf) {
		this(messageId, status, recipient, reasonCode, reason, rule, duplicateOf, null);
	}

}
