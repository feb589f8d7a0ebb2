package dev.smspipeline.dispatch.queue;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much dispatch keeps in memory, and how it lets go of partitions.
 *
 * @param maxBufferedPerNumber texts of one number kept in memory; later ones are parked
 * in the {@code parked_message} table and fed back in order as the number's queue drains.
 * A number's backlog never pauses its partition
 * @param maxBuffered texts kept in memory in all (queued and being parked); above it the
 * consumer pauses every partition until the count falls to three quarters of it (the
 * {@code sms_dispatch_partitions_paused} gauge shows it)
 * @param revokeGrace how long a revoked partition's texts in flight (carrier calls,
 * parking, status acknowledgments) are waited for before its final commit; the rest is
 * dropped and redelivered to the new owner. Keep it at least the carrier's request
 * timeout, so no call of the old owner can still reach the carrier when the new owner
 * starts
 */
@Validated
@ConfigurationProperties("sms.dispatch")
public record BufferSettings(@DefaultValue("50") @Min(2) int maxBufferedPerNumber,
		@DefaultValue("20000") @Min(10) int maxBuffered, @DefaultValue("10s") @NotNull Duration revokeGrace) {

}
