package dev.smspipeline.dispatch.queue;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How dispatch keeps room for TRANSACTIONAL texts (workflow texts: codes, reminders) when
 * BULK texts (campaigns) crowd it. Due TRANSACTIONAL texts always start before due BULK
 * ones; these bounds make sure bulk texts cannot take every carrier call or fill memory.
 *
 * @param reservedInFlight carrier calls (of {@code sms.carrier.max-in-flight}) that BULK
 * texts never take, so a transactional text finds a call slot even when bulk texts fill
 * the carrier pipe. At least one call is always left for bulk texts
 * @param maxBufferedBulk BULK texts kept in memory (queued and in flight); beyond, new
 * bulk texts are parked in the {@code parked_message} table and fed back when there is
 * room again, so the consumer keeps reading (it pauses only at
 * {@code sms.dispatch.max-buffered}) and transactional texts keep coming in. Used as at
 * most three quarters of {@code sms.dispatch.max-buffered}, so bulk texts alone never
 * keep the consumer paused
 */
@Validated
@ConfigurationProperties("sms.dispatch.priority")
public record PrioritySettings(@DefaultValue("10") @Min(0) int reservedInFlight,
		@DefaultValue("10000") @Min(1) int maxBufferedBulk) {

	/** The defaults. */
	static PrioritySettings defaults() {
		return new PrioritySettings(10, 10_000);
	}

}
