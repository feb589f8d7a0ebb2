package dev.smspipeline.status.store;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

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
 */
@Validated
@ConfigurationProperties("sms.store")
public record StoreSettings(@DefaultValue("1") @Min(1) int concurrency,
		@DefaultValue("500ms") @NotNull Duration retryInitialInterval,
		@DefaultValue("30s") @NotNull Duration retryMaxInterval) {

}
