package dev.smspipeline.campaign.intake;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka entry point for CRM producers, {@code crm.sms-requests}.
 *
 * @param enabled whether this instance consumes the topic
 * @param concurrency consumers per instance (each takes some of the topic's partitions)
 * @param retryMaxElapsed how long a record whose handling fails for another reason than
 * its content (the database is away) is retried, with back-off up to 30 s apart, before
 * it goes to {@code crm.sms-requests.DLT} with {@code x-reason: PROCESSING_FAILED}
 * @param verifyRetention whether start-up reads the topic's {@code retention.ms} and
 * refuses to start when idempotency keys ({@code sms.messages.idempotency.retention}) are
 * kept for less ({@link RetentionCheck})
 */
@Validated
@ConfigurationProperties("sms.intake")
public record IntakeSettings(@DefaultValue("true") boolean enabled,
		@DefaultValue("2") @Positive @Max(64) int concurrency, @DefaultValue("5m") @NotNull Duration retryMaxElapsed,
		@DefaultValue("true") boolean verifyRetention) {

}
