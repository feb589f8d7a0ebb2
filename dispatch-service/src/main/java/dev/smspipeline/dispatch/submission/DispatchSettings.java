package dev.smspipeline.dispatch.submission;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How dispatch retries a text the carrier did not take. Pacing is in
 * {@code PacingSettings}, buffering in {@code BufferSettings}, on the same prefix.
 *
 * @param retry transient carrier failures (5xx, timeouts, connection errors)
 * @param rateLimit carrier rate-limit answers (HTTP 429, codes 20429 and 14107)
 */
@Validated
@ConfigurationProperties("sms.dispatch")
public record DispatchSettings(@Valid @NotNull @DefaultValue Retry retry,
		@Valid @NotNull @DefaultValue RateLimit rateLimit) {

	/**
	 * Retries of transient carrier failures, with exponential backoff and jitter. The
	 * defaults wait out a carrier outage of a minute or more (about 70 to 140 s of waits
	 * in all) before a text is given up: every retry carries the same idempotency token,
	 * so waiting longer never risks a second text, while giving up early leaves texts the
	 * carrier never saw unsent.
	 *
	 * @param maxAttempts most create calls for one text that fail transiently before it
	 * is given up: DELIVERY_UNKNOWN ({@code CARRIER_NO_ANSWER}) when any of them went out
	 * without an answer (the carrier may have taken the text), else FAILED
	 * ({@code CARRIER_UNAVAILABLE})
	 * @param initialBackoff the wait after the first transient failure
	 * @param multiplier growth of the wait from one failure to the next
	 * @param maxBackoff the longest wait between two attempts
	 * @param jitter the fraction of each wait that is random: a wait {@code w} becomes
	 * uniform in {@code [w * (1 - jitter), w]}; 0 turns jitter off
	 */
	public record Retry(@DefaultValue("12") @Min(1) int maxAttempts,
			@DefaultValue("200ms") @NotNull Duration initialBackoff,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
			@DefaultValue("30s") @NotNull Duration maxBackoff,
			@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double jitter) {

		/**
		 * The wait after the {@code failures}-th transient failure of one text.
		 * @param failures transient failures so far, from 1
		 * @param random a uniform random number in {@code [0, 1)}
		 * @return the wait before the next attempt
		 */
		public Duration backoff(int failures, double random) {
			double exponential = this.initialBackoff.toMillis() * Math.pow(this.multiplier, Math.max(0, failures - 1));
			double capped = Math.min(exponential, this.maxBackoff.toMillis());
			return Duration.ofMillis(Math.round(capped * (1.0 - this.jitter * random)));
		}

	}

	/**
	 * Waiting out the carrier's rate limit for a number.
	 *
	 * @param maxWaits most rate-limit answers for one text that are waited out before it
	 * ends FAILED ({@code CARRIER_RATE_LIMITED})
	 * @param maxRetryAfter the longest single wait honoured, whatever Retry-After asks
	 */
	public record RateLimit(@DefaultValue("5") @Min(0) int maxWaits,
			@DefaultValue("30s") @NotNull Duration maxRetryAfter) {

		/**
		 * How long a recipient rate-limit answer (429, 20429) holds the number when it
		 * names no time.
		 */
		public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

	}

}
