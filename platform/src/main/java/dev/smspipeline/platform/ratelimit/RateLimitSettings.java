package dev.smspipeline.platform.ratelimit;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The per-account request rate on {@code /api/**}.
 *
 * @param rate requests per second an account may keep up, each account its own; {@code 0}
 * turns the limit off. The default is far above what one account's real use or the
 * benchmarks (about 2,000 requests/s) ask: the limit is there so that one account cannot
 * take a whole instance, not to meter normal use.
 * @param burst requests an idle account may send at once, above {@code rate}
 * @param maxAccounts most accounts whose bucket is kept at once; an idle account's bucket
 * (full again) is dropped first, so memory stays bounded whatever the number of accounts
 */
@Validated
@ConfigurationProperties("sms.rate-limit")
public record RateLimitSettings(@DefaultValue("5000") @PositiveOrZero double rate,
		@DefaultValue("10000") @Positive long burst, @DefaultValue("10000") @Positive int maxAccounts) {

	/** Whether calls are limited at all. */
	public boolean enabled() {
		return this.rate > 0;
	}

}
