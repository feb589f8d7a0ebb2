package dev.smspipeline.platform.kafka.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The configured retry policy of each listener container,
 * {@code sms.kafka.retry.<listener>.*}, over the defaults the service gives the listener
 * in code ({@link RetryPolicy}): a value set here replaces the default's, an absent one
 * keeps it.
 *
 * @param retry the overrides by listener name (e.g. {@code opt-outs})
 */
@ConfigurationProperties("sms.kafka")
@Validated
public record ListenerRetrySettings(@DefaultValue @NotNull Map<String, @Valid Overrides> retry) {

	/**
	 * The configured overrides of one listener.
	 * @param listener the listener's name
	 * @return its overrides, or {@code null} when none is configured
	 */
	Overrides of(String listener) {
		return this.retry.get(listener);
	}

	/**
	 * One listener's retry policy as configured; {@code null} keeps the listener's
	 * default.
	 *
	 * @param initialInterval the first wait
	 * @param multiplier how each wait grows, at least 1
	 * @param maxInterval the longest wait
	 * @param maxRetries how many retries at most
	 * @param maxElapsed how long to retry at most
	 * @param notRetryable further exceptions (class names) to dead-letter at once
	 */
	public record Overrides(Duration initialInterval, @DecimalMin("1.0") Double multiplier, Duration maxInterval,
			@PositiveOrZero Integer maxRetries, Duration maxElapsed,
			@DefaultValue @NotNull List<Class<? extends Exception>> notRetryable) {

	}

}
