package dev.smspipeline.status.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.EventIds;
import dev.smspipeline.schemas.Topics;

/**
 * Turns texts the carrier went silent on into DELIVERY_UNKNOWN: a text whose status is
 * SUBMITTED or SENT and whose last change is older than
 * {@code sms.status.delivery-window} gets a {@code DeliveryStatus} DELIVERY_UNKNOWN on
 * {@code sms.delivery-status} (source STATUS_AGEING, event id
 * {@code <messageId>:DELIVERY_UNKNOWN}, reason {@value #REASON}). The store then applies
 * it like any status, so a late DELIVERED still upgrades it.
 * <ul>
 * <li><b>Several instances:</b> each batch is claimed with {@code FOR UPDATE SKIP
 * LOCKED}, so two instances never publish the same text at once, and the claimed rows are
 * marked {@code aged_at} in the same transaction, so no later run publishes them
 * again.</li>
 * <li><b>Publishing:</b> the idempotent producer, not a Kafka transaction: the claim
 * commits only after the broker acknowledged every event of the batch. If the commit
 * fails after that, the next run publishes the same event ids again, which the store
 * ignores.</li>
 * <li><b>Bounded:</b> at most {@code batch-size} texts per transaction and
 * {@code max-batches-per-run} batches per run, oldest first (partial index
 * {@code message_status_ageing}).</li>
 * </ul>
 */
@Component
class DeliveryAgeing {

	/** The reason code of an aged text. */
	static final String REASON = "DELIVERY_WINDOW_PASSED";

	private static final Logger log = LoggerFactory.getLogger(DeliveryAgeing.class);

	// The predicate matches the partial index message_status_ageing word for word.
	private static final String CLAIM = """
			SELECT message_id, account_id, campaign_id, recipient, sender, carrier_message_id, segments
			FROM message_status
			WHERE status IN ('SUBMITTED', 'SENT') AND aged_at IS NULL AND updated_at < ?
			ORDER BY updated_at
			LIMIT ?
			FOR UPDATE SKIP LOCKED
			""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Publisher publisher;

	private final LifecycleSettings settings;

	private final Clock clock;

	private final Counter aged;

	DeliveryAgeing(JdbcClient jdbc, TransactionTemplate transactions, Publisher publisher, LifecycleSettings settings,
			Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.publisher = publisher;
		this.settings = settings;
		this.clock = clock;
		this.aged = Counter.builder("sms.status.aged")
			.description("Texts turned DELIVERY_UNKNOWN because no final status came within the delivery window")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${sms.status.ageing.interval:30s}",
			initialDelayString = "${sms.status.ageing.interval:30s}")
	void run() {
		if (!this.settings.ageing().enabled()) {
			return;
		}
		try {
			int batches = 0;
			int total = 0;
			int claimed;
			do {
				claimed = ageOneBatch();
				total += claimed;
			}
			while (claimed == this.settings.ageing().batchSize()
					&& ++batches < this.settings.ageing().maxBatchesPerRun());
			if (total > 0) {
				log.info("Published DELIVERY_UNKNOWN for {} texts silent for more than {}", total,
						this.settings.deliveryWindow());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Delivery-unknown ageing failed; the next run tries again: {}", ex.toString());
		}
	}

	/**
	 * Claims, publishes and marks one batch of silent texts; returns how many. Public to
	 * the package for tests that run it next to the scheduled runs.
	 */
	int ageOneBatch() {
		Integer claimed = this.transactions.execute((status) -> {
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
			List<Silent> silent = this.jdbc.sql(CLAIM)
				.params(timestamp(now.minus(this.settings.deliveryWindow())), this.settings.ageing().batchSize())
				.query(Silent.class)
				.list();
			if (silent.isEmpty()) {
				return 0;
			}
			this.publisher.publishAll(Topics.DELIVERY_STATUS,
					silent.stream().map((text) -> new Publisher.Keyed(text.messageId(), event(text, now))).toList());
			this.jdbc.sql("UPDATE message_status SET aged_at = ? WHERE message_id = ANY (?)")
				.params(timestamp(now), silent.stream().map(Silent::messageId).toArray(String[]::new))
				.update();
			return silent.size();
		});
		int count = (claimed != null) ? claimed : 0;
		this.aged.increment(count);
		return count;
	}

	private DeliveryStatus event(Silent text, Instant now) {
		return DeliveryStatus.newBuilder()
			.setEventId(EventIds.deliveryUnknown(text.messageId()))
			.setMessageId(text.messageId())
			.setAccountId(text.accountId())
			.setCampaignId(text.campaignId())
			.setRecipient(text.recipient())
			.setSender(text.sender())
			.setStatus(MessageStatus.DELIVERY_UNKNOWN)
			.setReasonCode(REASON)
			.setCarrierMessageId(text.carrierMessageId())
			.setSegments(text.segments())
			.setOccurredAt(now)
			.setSource(StatusSource.STATUS_AGEING)
			.setAttributes(Map.of("deliveryWindow", this.settings.deliveryWindow().toString()))
			.build();
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * A text claimed for ageing, with what its DELIVERY_UNKNOWN event repeats.
	 *
	 * @param messageId its id
	 * @param accountId its account
	 * @param campaignId its campaign
	 * @param recipient its recipient
	 * @param sender its sender
	 * @param carrierMessageId the carrier's id
	 * @param segments its segments
	 */
	record Silent(String messageId, String accountId, String campaignId, String recipient, String sender,
			String carrierMessageId, Integer segments) {
	}

}
