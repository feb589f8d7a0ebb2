package dev.smspipeline.campaign.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay.
 *
 * @param enabled whether this instance takes part in relaying (one instance relays at a
 * time; the others stand by)
 * @param batchSize most records published in one Kafka transaction
 * @param pollInterval how long an idle relay waits before looking again (a commit in this
 * instance wakes it at once)
 * @param standbyInterval how often an instance that is not relaying tries to take over
 * @param errorBackoff pause after a failed batch before the relay starts again
 * @param transactionalId Kafka {@code transactional.id} of the relay's producer: the same
 * on every instance, so a new relay fences a stale one and aborts its open transaction
 * @param markerTopic internal topic the relay writes its batch marker to, inside each
 * transaction, to know after a crash whether its last batch was committed
 * @param transactionTimeout Kafka {@code transaction.timeout.ms} of the relay's producer:
 * a relay killed mid-batch leaves its transaction open until a new relay fences it or
 * this passes, and until then every {@code read_committed} reader of the batch's
 * partitions waits (Kafka's default is a minute)
 * @param linger how long the relay lets records gather after a batch that was not full,
 * as a producer's {@code linger.ms}: each batch is a Kafka transaction (its begin, commit
 * and markers cost the same for one record as for five hundred), so at a moderate rate a
 * few milliseconds of waiting buy several records per transaction; a full batch is
 * followed at once; zero relays whatever is there as soon as it is there
 */
@Validated
@ConfigurationProperties("sms.campaigns.outbox")
public record OutboxSettings(@DefaultValue("true") boolean enabled,
		@DefaultValue("500") @Positive @Max(10000) int batchSize, @DefaultValue("100ms") @NotNull Duration pollInterval,
		@DefaultValue("2s") @NotNull Duration standbyInterval, @DefaultValue("1s") @NotNull Duration errorBackoff,
		@DefaultValue("campaign-service-outbox-relay") @NotBlank String transactionalId,
		@DefaultValue("campaign-service.outbox-relay") @NotBlank String markerTopic,
		@DefaultValue("10s") @NotNull Duration transactionTimeout, @DefaultValue("20ms") @NotNull Duration linger) {

}
