package dev.smspipeline.campaign.message;

/**
 * An idempotency key (or CRM {@code eventId}) that already answered another request of
 * the account within its retention.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

	public IdempotencyKeyReusedException(String key) {
		super("Idempotency key '" + key + "' was already used for a different request");
	}

}
