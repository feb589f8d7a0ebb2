package dev.smspipeline.campaign.release;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Release of due campaign texts (bulk flow control and fair share), and the two jobs
 * beside it: sweeping the held texts of canceled campaigns and announcing SENT.
 *
 * @param enabled whether this instance runs the three jobs (any number of instances may)
 * @param interval pause between rounds of each job
 * @param batchSize most texts released in one database transaction
 * @param rate most campaign texts this instance releases per second, all campaigns
 * together: a cap above the flow control
 * @param horizon how many seconds of dispatch's measured throughput may be in the outbox,
 * Kafka or dispatch at once (the release window): a one-off text may queue behind that
 * much bulk wherever the slowest stage is, so it bounds a workflow text's extra wait; it
 * must stay above a text's round trip (release to settlement, about 0.5 s under load) or
 * the window cannot open
 * @param minWindow the smallest window, also the one a cold pipeline starts with
 * @param maxWindow the largest window, whatever the measured throughput
 * @param paceSpan over how long dispatch's throughput is measured
 * @param staleAfter a released text dispatch has not settled after this long no longer
 * counts against the window (its status was lost; the window must not shrink for good)
 * @param sweepBatchSize held texts of a canceled campaign marked CANCELED per transaction
 */
@Validated
@ConfigurationProperties("sms.campaigns.release")
public record ReleaseSettings(@DefaultValue("true") boolean enabled, @DefaultValue("200ms") @NotNull Duration interval,
		@DefaultValue("500") @Positive @Max(10000) int batchSize, @DefaultValue("5000") @Positive int rate,
		@DefaultValue("1s") @NotNull Duration horizon, @DefaultValue("100") @Positive int minWindow,
		@DefaultValue("20000") @Positive int maxWindow, @DefaultValue("3s") @NotNull Duration paceSpan,
		@DefaultValue("2m") @NotNull Duration staleAfter, @DefaultValue("5000") @Positive int sweepBatchSize) {

}
