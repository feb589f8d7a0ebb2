package dev.smspipeline.campaign.recipient;

import java.util.Set;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which numbers may be texted.
 *
 * @param allowedCountries ISO 3166 region codes whose numbers may be texted; others end
 * REJECTED with {@code UNSUPPORTED_COUNTRY}
 * @param defaultRegion region assumed for numbers written without a country code
 */
@Validated
@ConfigurationProperties("sms.recipients")
public record RecipientSettings(@DefaultValue( {
		"US", "CA" }) @NotEmpty Set<String> allowedCountries, @DefaultValue("US") String defaultRegion){

}
