package dev.smspipeline.dispatch.carrier;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how dispatch reaches the carrier's Twilio-compatible REST API.
 *
 * @param baseUrl the carrier's API root, without the {@code /2010-04-01} path: the
 * simulator's URL locally, {@code https://api.twilio.com} in production
 * @param accountSid the account SID: the basic-auth user and a part of every path
 * @param authToken the auth token: the basic-auth password
 * @param statusCallbackUrl status-service's public webhook that the carrier posts status
 * callbacks to; dispatch adds {@code messageId} and {@code accountId} to its query.
 * Empty: no callbacks are asked for
 * @param connectTimeout longest wait to open a connection to the carrier
 * @param requestTimeout longest wait for the carrier's answer to one create call; past it
 * the call counts as a transient failure the carrier may have taken, and is retried under
 * the same idempotency token
 * @param maxInFlight most create calls open at once across the service; a call that
 * cannot get a slot within {@code requestTimeout} counts as a transient failure
 */
@Validated
@ConfigurationProperties("sms.carrier")
public record CarrierSettings(@NotNull URI baseUrl, @NotBlank String accountSid, @NotBlank String authToken,
		URI statusCallbackUrl, @DefaultValue("2s") @NotNull Duration connectTimeout,
		@DefaultValue("10s") @NotNull Duration requestTimeout, @DefaultValue("100") @Positive int maxInFlight) {

	@Override
	public String toString() {
		return "CarrierSettings[baseUrl=" + this.baseUrl + ", accountSid=" + this.accountSid
				+ ", authToken=(hidden), statusCallbackUrl=" + this.statusCallbackUrl + ", connectTimeout="
				+ this.connectTimeout + ", requestTimeout=" + this.requestTimeout + ", maxInFlight=" + this.maxInFlight
				+ "]";
	}

}
