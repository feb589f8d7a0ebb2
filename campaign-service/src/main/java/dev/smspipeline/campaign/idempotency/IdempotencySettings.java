package dev.smspipeline.campaign.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Idempotency keys of one-off requests.
 *
 * @param retention how long a key answers with its first answer; after that the key may
 * be used again for a new text. At least as long as {@code crm.sms-requests} keeps its
 * records (7 days in deploy/k8s, Kafka's default), so a consumer-group reset or replay
 * finds every {@code eventId} still recorded; start-up refuses a shorter one when it can
 * read the topic's {@code retention.ms}
 * @param maxKeyLength longest {@code Idempotency-Key} (and CRM {@code eventId}) accepted
 * @param purgeInterval how often expired keys (and one-off texts past the duplicate
 * window) are deleted
 * @param purgeBatchSize most rows deleted per purge statement
 */
@Validated
@ConfigurationProperties("sms.messages.idempotency")
public record IdempotencySettings(@DefaultValue("7d") @NotNull Duration retention,
		@DefaultValue("255") @Positive @Max(1000) int maxKeyLength,
		@DefaultValue("10m") @NotNull Duration purgeInterval, @DefaultValue("5000") @Positive int purgeBatchSize) {

}
