package dev.smspipeline.dispatch.intake;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The consumer of {@code sms.message-requested}, and what happens to a requested text
 * whose processing throws (a bug, the database down), as opposed to one the carrier
 * refuses, which simply ends FAILED.
 *
 * @param maxAttempts times such a text is tried before it goes to
 * {@code sms.message-requested.DLT}; records that cannot be deserialized or miss required
 * fields go at once
 * @param retryBackoff the wait between two of those attempts
 * @param concurrency consumer threads; one is plenty, it only hands records over
 * @param pollTimeout the longest poll: finished offsets are committed after each poll, so
 * this bounds how late a commit is when nothing new arrives
 * @param maxPollRecords records per poll
 * @param groupInstanceId this instance's name for Kafka static membership of every
 * consumer of the service ({@code group.instance.id}: {@code <id>-<listener id>-<n>}, see
 * {@link dev.smspipeline.platform.kafka.StaticMembership}); empty or absent: dynamic
 * membership. With it, an instance killed and restarted under the same id gets its
 * partitions back at once instead of after the dead member's {@code session.timeout.ms}
 * (45 s). It must be unique per live instance (two processes with the same id fence each
 * other): the pod name in Kubernetes, the service name in Compose. Letters, digits,
 * {@code .}, {@code _} and {@code -}, at most 200
 */
@Validated
@ConfigurationProperties("sms.intake")
record IntakeSettings(@DefaultValue("3") @Min(1) int maxAttempts, @DefaultValue("1s") @NotNull Duration retryBackoff,
		@DefaultValue("1") @Min(1) int concurrency, @DefaultValue("500ms") @NotNull Duration pollTimeout,
		@DefaultValue("500") @Min(1) int maxPollRecords,
		@Pattern(regexp = "[a-zA-Z0-9._-]*", message = "may hold only letters, digits, '.', '_' and '-' "
				+ "(Kafka's rule for group.instance.id)") @Size(max = 200) String groupInstanceId) {

}
