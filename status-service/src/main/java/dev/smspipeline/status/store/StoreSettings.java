package dev.smspipeline.status.store;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The projection of {@code sms.delivery-status} and {@code sms.campaign-events} into the
 * status store.
 *
 * @param concurrency consumers of each of the store's groups in this instance; more than
 * the topic's partitions only idle
 * @param retryInitialInterval wait before a batch the database refused is written again;
 * doubles on each failure
 * @param retryMaxInterval longest wait between two attempts at a refused batch; a batch
 * is retried until the database takes it, holding its partitions (nothing is skipped)
 * @param groupInstanceId this instance's name for Kafka static membership of the store's
 * consumers ({@code group.instance.id}: {@code <id>-<listener id>-<n>}, see
 * {@link dev.smspipeline.platform.kafka.StaticMembership}); empty or absent: dynamic
 * membership. With it, an instance killed and restarted under the same id takes its
 * partitions back at once instead of after the dead member's {@code session.timeout.ms}
 * (45 s), so statuses are stored again as soon as it is up. Unique per live instance (the
 * pod name in Kubernetes). Letters, digits, {@code .}, {@code _} and {@code -}, at most
 * 200
 */
@Validated
@ConfigurationProperties("sms.store")
public record StoreSettings(@DefaultValue("1") @Min(1) int concurrency,
		@DefaultValue("500ms") @NotNull Duration retryInitialInterval,
		@DefaultValue("30s") @NotNull Duration retryMaxInterval,
		@Pattern(regexp = "[a-zA-Z0-9._-]*", message = "may hold only letters, digits, '.', '_' and '-' "
				+ "(Kafka's rule for group.instance.id)") @Size(max = 200) String groupInstanceId) {

}
