package dev.smspipeline.dispatch.intake;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What happens to a requested text whose processing throws (a bug, the database down), as
 * opposed to one the carrier refuses, which simply ends FAILED.
 *
 * @param maxAttempts times such a record is processed before it goes to
 * {@code sms.message-requested.DLT}; records that cannot be deserialized go at once
 * @param retryBackoff the wait between two of those attempts
 */
@Validated
@ConfigurationProperties("sms.intake")
record IntakeSettings(@DefaultValue("3") @Min(1) int maxAttempts, @DefaultValue("1s") @NotNull Duration retryBackoff) {

}
