package dev.smspipeline.campaign.audience;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Audiences.
 *
 * @param batchSize rows written to the database per statement while an audience is
 * uploaded (memory stays at one batch, whatever the file's size)
 * @param maxInlineRecipients most {@code recipients} a JSON request may carry; larger
 * audiences are uploaded as CSV
 * @param maxReportedErrors most broken rows listed in an upload's answer (all are
 * counted)
 * @param maxRowLength longest CSV row, in characters; a longer one is reported broken
 * @param maxUploadSize largest CSV upload; a larger body answers 413
 * @param maxConcurrentUploads most CSV uploads one account may have in progress on one
 * instance; one more answers 429 before its body is read
 * @param uploadRetryAfter the {@code Retry-After} of that 429
 * @param spoolDirectory where upload bodies are spooled before they are read; the
 * system's temporary directory when absent
 */
@Validated
@ConfigurationProperties("sms.campaigns.audience")
public record AudienceSettings(@DefaultValue("1000") @Positive @Max(20000) int batchSize,
		@DefaultValue("10000") @Positive int maxInlineRecipients, @DefaultValue("100") @Min(0) int maxReportedErrors,
		@DefaultValue("65536") @Min(256) int maxRowLength, @DefaultValue("256MB") @NotNull DataSize maxUploadSize,
		@DefaultValue("2") @Positive int maxConcurrentUploads, @DefaultValue("5s") @NotNull Duration uploadRetryAfter,
		Path spoolDirectory) {

}
