package dev.smspipeline.platform.account;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts and API key authentication.
 *
 * @param enabled whether {@code /api/**} requires an API key (a service without an API
 * turns it off)
 * @param bootstrap accounts to create or update at start-up: account id to the SHA-256
 * hex of its API key ({@code SMS_ACCOUNTS_BOOTSTRAP_DEMO=<hash>} binds account
 * {@code demo})
 * @param cacheTtl how long a resolved key is remembered before the table is asked again
 */
@ConfigurationProperties("sms.accounts")
public record AccountSettings(@DefaultValue("true") boolean enabled, Map<String, String> bootstrap,
		@DefaultValue("30s") Duration cacheTtl) {

	public AccountSettings {
		bootstrap = (bootstrap != null) ? Map.copyOf(bootstrap) : Map.of();
	}

}
