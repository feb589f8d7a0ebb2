package dev.smspipeline.status.callback;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The carrier's webhooks.
 *
 * @param authToken the carrier account's auth token ({@code CARRIER_AUTH_TOKEN}), the key
 * of every webhook's {@code X-Twilio-Signature}; required, since a blank key would let
 * anyone sign
 * @param accountSid the carrier account SID ({@code CARRIER_ACCOUNT_SID}, {@code AC} and
 * 32 hex digits); when set, a callback that names another {@code AccountSid} is refused
 * even if its signature holds; blank accepts any
 * @param publicBaseUrl the scheme, host, port and any path prefix under which the carrier
 * reaches this service, e.g. {@code https://sms.example.com/status}, when a proxy or load
 * balancer in front of it changes them; the signed URL is then this plus the request's
 * path and query. Unset: the URL is rebuilt from the request as it arrived
 * @param publishTimeout how long a callback waits for the broker to acknowledge its
 * status event before it is answered 503 (a carrier that retries webhooks then posts it
 * again, and the event id makes that harmless); keep it below the carrier's webhook
 * timeout (Twilio: 15 s)
 */
@Validated
@ConfigurationProperties("sms.callbacks")
public record CallbackSettings(@NotBlank(message = "is required: set CARRIER_AUTH_TOKEN") String authToken,
		@Pattern(regexp = "|AC[0-9a-fA-F]{32}", message = "must be AC followed by 32 hex digits") String accountSid,
		URI publicBaseUrl, @DefaultValue("10s") @NotNull Duration publishTimeout) {

	public CallbackSettings {
		accountSid = (accountSid != null) ? accountSid.trim() : "";
		if (publicBaseUrl != null && (!publicBaseUrl.isAbsolute() || publicBaseUrl.getHost() == null
				|| publicBaseUrl.getRawQuery() != null)) {
			throw new IllegalArgumentException(
					"sms.callbacks.public-base-url must be an absolute http(s) URL without a query, e.g. https://sms.example.com");
		}
	}

	/** Whether callbacks are restricted to one carrier account. */
	boolean restrictsAccount() {
		return !this.accountSid.isEmpty();
	}

}
