package dev.smspipeline.dispatch.account;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sender numbers dispatch lets a text go from besides its account's own.
 *
 * @param shared numbers no account owns that any account may send from:
 * campaign-service's {@code sms.messages.default-sender} (the From number of a text that
 * names none, for an account without a default sender) must be among them, or such texts
 * end REJECTED {@code SENDER_NOT_OWNED}; written in any spelling, compared in the
 * canonical form. A number an account owns on {@code sms.accounts} stays that account's
 * alone, even if it is listed here
 * @param defaultRegion the ISO 3166 region a number written without a country code is
 * read in (campaign-service's {@code sms.recipients.default-region})
 */
@Validated
@ConfigurationProperties("sms.senders")
public record SenderSettings(@DefaultValue("+15005550006") @NotNull Set<String> shared,
		@DefaultValue("US") @NotBlank String defaultRegion) {

	public SenderSettings {
		shared = (shared != null) ? Set.copyOf(shared) : Set.of();
	}

}
