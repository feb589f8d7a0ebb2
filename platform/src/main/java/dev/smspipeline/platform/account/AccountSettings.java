package dev.smspipeline.platform.account;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Accounts and API key authentication.
 *
 * @param enabled whether {@code /api/**} requires an API key (a service without an API
 * turns it off; it still reads {@code sms.accounts})
 * @param bootstrap accounts known from start-up until {@code sms.accounts} has a state
 * for them: account id to the SHA-256 hex of its API key
 * ({@code SMS_ACCOUNTS_BOOTSTRAP_DEMO=<hash>} binds account {@code demo});
 * campaign-service also creates them through its admin store, which publishes them to
 * every service
 * @param readerPollTimeout the longest poll of the {@code sms.accounts} reader (a change
 * applies as soon as the broker hands it over; this only bounds an idle poll)
 */
@Validated
@ConfigurationProperties("sms.accounts")
public record AccountSettings(@DefaultValue("true") boolean enabled, Map<String, String> bootstrap,
		@DefaultValue("500ms") @NotNull Duration readerPollTimeout) {

	public AccountSettings {
		bootstrap = (bootstrap != null) ? Map.copyOf(bootstrap) : Map.of();
	}

}
