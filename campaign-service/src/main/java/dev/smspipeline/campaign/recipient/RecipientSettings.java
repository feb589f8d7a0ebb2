package dev.smspipeline.campaign.recipient;

import java.time.ZoneId;
import java.util.Set;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which numbers may be texted, and where their owners live.
 *
 * @param allowedCountries ISO 3166 region codes whose numbers may be texted; others end
 * REJECTED with {@code UNSUPPORTED_COUNTRY}
 * @param defaultRegion region assumed for numbers written without a country code
 * @param defaultTimeZone time zone of a recipient who gives none and whose number
 * libphonenumber cannot place
 */
@Validated
@ConfigurationProperties("sms.recipients")
public record RecipientSettings(@DefaultValue( {
		"US", "CA" }) @NotEmpty Set<String> allowedCountries, @DefaultValue("US") String defaultRegion,
		@DefaultValue("America/New_York") @NotNull ZoneId defaultTimeZone){

}
