package dev.smspipeline.campaign.account;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operators' admin API.
 *
 * @param operatorKeyHashes SHA-256 (lowercase hex) of each operator key that may call
 * {@code /admin/**}; several, so a key can be rotated; none: the admin API refuses every
 * call
 * @param keyUsageInterval how often the API keys' last use noted by this instance is
 * stored (the lag of {@code lastUsedAt} in the key list)
 */
@Validated
@ConfigurationProperties("sms.admin")
public record AdminSettings(@DefaultValue( {
	}) @NotNull List<@Pattern(regexp = "[0-9a-f]{64}",
			message = "must be the SHA-256 of the operator key in lowercase hex") String> operatorKeyHashes,
		@DefaultValue("30s") @NotNull Duration keyUsageInterval){

}
