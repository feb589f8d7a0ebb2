package dev.smspipeline.dispatch.consent;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How cancellations reach every dispatch instance.
 *
 * @param refreshInterval how often each instance reads cancellations recorded by any
 * instance (only one instance of the shared group consumes each event) and drops the
 * texts they cover from its queues
 * @param retention how long a cancellation is kept: longer than any text of the campaign
 * can still be requested
 */
@Validated
@ConfigurationProperties("sms.consent")
public record ConsentSettings(@DefaultValue("2s") @NotNull Duration refreshInterval,
		@DefaultValue("30d") @NotNull Duration retention) {

}
