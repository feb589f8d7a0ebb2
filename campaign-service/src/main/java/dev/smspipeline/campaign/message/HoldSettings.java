package dev.smspipeline.campaign.message;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Release of held one-off texts ({@link OneOffRelease}).
 *
 * @param enabled whether this instance releases held one-offs (any number of instances
 * may: they claim disjoint rows)
 * @param interval pause between release rounds; a held text goes out at most this long
 * after its release time
 * @param batchSize most held texts released in one database transaction
 */
@Validated
@ConfigurationProperties("sms.messages.hold")
public record HoldSettings(@DefaultValue("true") boolean enabled, @DefaultValue("1s") @NotNull Duration interval,
		@DefaultValue("200") @Positive @Max(10000) int batchSize) {

}
