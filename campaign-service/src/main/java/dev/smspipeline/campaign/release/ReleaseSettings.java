package dev.smspipeline.campaign.release;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Release of due campaign texts, and the two jobs beside it: sweeping the held texts of
 * canceled campaigns and announcing SENT.
 *
 * @param enabled whether this instance runs the three jobs (any number of instances may)
 * @param interval pause between rounds of each job
 * @param batchSize most texts released in one database transaction
 * @param rate most campaign texts this instance releases per second, all campaigns
 * together: a million-recipient campaign trickles onto {@code sms.message-requested}
 * instead of burying the one-off texts queued behind it in dispatch
 * @param sweepBatchSize held texts of a canceled campaign marked CANCELED per transaction
 */
@Validated
@ConfigurationProperties("sms.campaigns.release")
public record ReleaseSettings(@DefaultValue("true") boolean enabled, @DefaultValue("200ms") @NotNull Duration interval,
		@DefaultValue("500") @Positive @Max(10000) int batchSize, @DefaultValue("1000") @Positive int rate,
		@DefaultValue("5000") @Positive int sweepBatchSize) {

}
