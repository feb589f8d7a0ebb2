package dev.smspipeline.status.lifecycle;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How status-service closes what the carrier leaves open: texts that never get a final
 * callback, and campaigns whose texts are all done.
 *
 * @param deliveryWindow how long a text may stay SUBMITTED or SENT without a final status
 * before it becomes DELIVERY_UNKNOWN, and how long after a campaign's last submission it
 * completes even if some texts never reached a final status; 48 h, the carriers' common
 * rule
 * @param publishTimeout how long a job waits for the broker to acknowledge what it
 * published before it gives up the round (and tries again next round)
 * @param ageing the delivery-unknown ageing job
 * @param completion the campaign completion job
 */
@Validated
@ConfigurationProperties("sms.status")
public record LifecycleSettings(@DefaultValue("48h") @NotNull Duration deliveryWindow,
		@DefaultValue("10s") @NotNull Duration publishTimeout, @DefaultValue @Valid @NotNull Ageing ageing,
		@DefaultValue @Valid @NotNull Completion completion) {

	public LifecycleSettings {
		if (deliveryWindow != null && (deliveryWindow.isZero() || deliveryWindow.isNegative())) {
			throw new IllegalArgumentException("sms.status.delivery-window must be positive, e.g. 48h");
		}
		if (publishTimeout != null && (publishTimeout.isZero() || publishTimeout.isNegative())) {
			throw new IllegalArgumentException("sms.status.publish-timeout must be positive, e.g. 10s");
		}
	}

	/**
	 * The delivery-unknown ageing job.
	 *
	 * @param enabled whether this instance runs the job (several instances may: they
	 * never claim the same text)
	 * @param interval pause between two runs ({@code sms.status.ageing.interval}, read by
	 * {@code @Scheduled}; keep it well below the delivery window)
	 * @param batchSize texts claimed, published and marked in one transaction
	 * @param maxBatchesPerRun batches one run works through at most before it yields to
	 * the next run
	 */
	public record Ageing(@DefaultValue("true") boolean enabled, @DefaultValue("30s") @NotNull Duration interval,
			@DefaultValue("500") @Min(1) @Max(10_000) int batchSize, @DefaultValue("20") @Min(1) int maxBatchesPerRun) {

	}

	/**
	 * The campaign completion job.
	 *
	 * @param enabled whether this instance runs the job (several instances may: they
	 * never claim the same campaign)
	 * @param interval pause between two runs ({@code sms.status.completion.interval},
	 * read by {@code @Scheduled}); a campaign completes at most this long after its last
	 * text became final
	 * @param batchSize campaigns claimed, published and marked in one transaction
	 */
	public record Completion(@DefaultValue("true") boolean enabled, @DefaultValue("5s") @NotNull Duration interval,
			@DefaultValue("100") @Min(1) @Max(1_000) int batchSize) {

	}

}
