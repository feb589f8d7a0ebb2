package dev.smspipeline.campaign.audience;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
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
 */
@Validated
@ConfigurationProperties("sms.campaigns.audience")
public record AudienceSettings(@DefaultValue("1000") @Positive @Max(20000) int batchSize,
		@DefaultValue("10000") @Positive int maxInlineRecipients, @DefaultValue("100") @Min(0) int maxReportedErrors,
		@DefaultValue("65536") @Min(256) int maxRowLength) {

}
