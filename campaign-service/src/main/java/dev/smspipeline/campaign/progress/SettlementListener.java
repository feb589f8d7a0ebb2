package dev.smspipeline.campaign.progress;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.campaign.CampaignTexts;
import dev.smspipeline.campaign.campaign.CampaignTexts.Settled;
import dev.smspipeline.campaign.campaign.MessageState;
import dev.smspipeline.campaign.release.ReleasePace;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;

/**
 * Reads what dispatch did with released campaign texts.
 * <ul>
 * <li><b>Topic and group:</b> {@code sms.delivery-status}, consumer group
 * {@value #GROUP}, read_committed, shared by every instance.</li>
 * <li><b>What counts:</b> a campaign text's SUBMITTED from dispatch, or any carrier
 * status (it reached the carrier), settles it SUBMITTED; its CANCELED, REJECTED, EXPIRED
 * or FAILED from dispatch settles it UNSENT. Everything else (QUEUED, one-off texts,
 * campaign-service's own statuses) is skipped.</li>
 * <li><b>Commit:</b> the batch's settlements and their count in {@link ReleasePace} in
 * one database transaction, then the offsets (see
 * {@link SettlementKafkaConfiguration}).</li>
 * <li><b>Idempotent:</b> only a RELEASED text is settled, so a batch read again changes
 * nothing and counts nothing twice.</li>
 * </ul>
 */
@Component
class SettlementListener {

	/** The consumer group. */
	static final String GROUP = "campaign-service-settlements";

	private final CampaignTexts texts;

	private final ReleasePace pace;

	private final TransactionTemplate transactions;

	private final Clock clock;

	SettlementListener(CampaignTexts texts, ReleasePace pace, TransactionTemplate transactions, Clock clock) {
		this.texts = texts;
		this.pace = pace;
		this.transactions = transactions;
		this.clock = clock;
	}

	@KafkaListener(id = "campaign-service-settlements", groupId = GROUP, topics = Topics.DELIVERY_STATUS,
			containerFactory = SettlementKafkaConfiguration.CONTAINER_FACTORY,
			properties = AvroSerdeConfig.VALUE_TYPE + "=dev.smspipeline.events.DeliveryStatus")
	void onStatuses(List<ConsumerRecord<String, Object>> records) {
		Map<UUID, Settled> settled = new LinkedHashMap<>();
		for (ConsumerRecord<String, Object> record : records) {
			if (record.value() instanceof DeliveryStatus status) {
				Settled outcome = settlement(status);
				UUID id = (outcome != null) ? textId(status.getMessageId()) : null;
				if (id != null) {
					settled.putIfAbsent(id, outcome);
				}
			}
		}
		if (settled.isEmpty()) {
			return;
		}
		this.transactions.executeWithoutResult((tx) -> {
			Instant now = this.clock.instant();
			this.pace.settled(this.texts.settled(settled, now), now);
		});
	}

	/** What a status says about a released campaign text, or {@code null} for nothing. */
	static Settled settlement(DeliveryStatus status) {
		if (status.getCampaignId() == null) {
			return null;
		}
		if (status.getSource() == StatusSource.CARRIER_CALLBACK) {
			return new Settled(MessageState.SUBMITTED, null);
		}
		if (status.getSource() != StatusSource.DISPATCH) {
			return null;
		}
		return switch (status.getStatus()) {
			case SUBMITTED, SENT, DELIVERED, UNDELIVERED -> new Settled(MessageState.SUBMITTED, null);
			case CANCELED, REJECTED, EXPIRED, FAILED -> new Settled(MessageState.UNSENT, status.getStatus().name());
			default -> null;
		};
	}

	private static UUID textId(String messageId) {
		try {
			return UUID.fromString(messageId);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
