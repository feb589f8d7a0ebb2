package dev.smspipeline.campaign.account;

import java.time.Instant;

/**
 * An API key as listed: never its secret.
 *
 * @param keyId its id
 * @param name what the operator called it, or {@code null}
 * @param createdAt when it was issued
 * @param revokedAt when it was revoked, or {@code null}
 * @param lastUsedAt the last minute a call on campaign-service used it, or {@code null}
 * (stored every 30 s; calls on status-service are not counted)
 */
public record ApiKeyView(String keyId, String name, Instant createdAt, Instant revokedAt, Instant lastUsedAt) {
}
