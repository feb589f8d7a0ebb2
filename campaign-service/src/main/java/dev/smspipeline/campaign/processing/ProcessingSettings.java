package dev.smspipeline.campaign.processing;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Processing of activated campaigns: starting them when due, and turning their audience
 * into held texts.
 *
 * @param enabled whether this instance processes campaigns (any number of instances may)
 * @param interval pause between processing rounds when there is nothing to do
 * @param batchSize audience members turned into texts per database transaction
 * @param maxRound longest a round works before it lets the scheduler breathe
 */
@Validated
@ConfigurationProperties("sms.campaigns.processing")
public record ProcessingSettings(@DefaultValue("true") boolean enabled,
		@DefaultValue("500ms") @NotNull Duration interval, @DefaultValue("1000") @Positive @Max(20000) int batchSize,
		@DefaultValue("10s") @NotNull Duration maxRound) {

}
