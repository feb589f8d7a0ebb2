package dev.smspipeline.dispatch.consent;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.platform.kafka.deadletter.RejectedRecordException;
import dev.smspipeline.schemas.DeadLetterHeaders;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;

/**
 * Records campaign cancellations and lead deletions.
 *
 * <ul>
 * <li><strong>Topic and group:</strong> {@value Topics#CAMPAIGN_EVENTS}, consumer group
 * {@value #GROUP}, shared by every instance (they share the table), read committed.</li>
 * <li><strong>What counts:</strong> {@code STATUS_CHANGED} to {@code CANCELED} cancels
 * every text of the campaign not yet submitted ({@code CAMPAIGN_CANCELED});
 * {@code RECIPIENT_DELETED} cancels the texts of that recipient in the campaign
 * ({@code LEAD_DELETED}). Everything else is ignored.</li>
 * <li><strong>Key and ordering:</strong> the campaign id; order does not matter, a
 * cancellation is final.</li>
 * <li><strong>Commit:</strong> after the row commits (Boot's default ack mode, after each
 * poll's records), so a crash in between records it again.</li>
 * <li><strong>Idempotent:</strong> the event id and the campaign/recipient pair are
 * unique in {@code campaign_cancellation}.</li>
 * <li><strong>Dead letters:</strong> a record that cannot be deserialized
 * ({@code x-reason: UNREADABLE}), or reads as another type than {@code CampaignEvent}
 * ({@code x-reason: NOT_A_CAMPAIGN_EVENT}, as campaign-service), goes to
 * {@code sms.campaign-events.DLT} at once; one whose processing keeps failing after the
 * error handler's retries too ({@code PROCESSING_FAILED}; see
 * {@code ConsentKafkaConfiguration}).</li>
 * </ul>
 */
@Component
class CampaignEventListener {

	/** The consumer group. */
	static final String GROUP = "dispatch-service-campaigns";

	private static final Logger log = LoggerFactory.getLogger(CampaignEventListener.class);

	private final Cancellations cancellations;

	CampaignEventListener(Cancellations cancellations) {
		this.cancellations = cancellations;
	}

	@KafkaListener(id = GROUP, topics = Topics.CAMPAIGN_EVENTS, groupId = GROUP,
			properties = AvroSerdeConfig.VALUE_TYPE + "=dev.smspipeline.events.CampaignEvent")
	void onCampaignEvent(ConsumerRecord<String, Object> record) {
		if (record.value() == null) {
			return;
		}
		if (!(record.value() instanceof CampaignEvent event)) {
			throw new RejectedRecordException(DeadLetterHeaders.NOT_A_CAMPAIGN_EVENT,
					"Not a CampaignEvent: " + record.value().getClass().getName());
		}
		Cancellation cancellation = cancellationOf(event);
		if (cancellation != null) {
			log.info("Campaign {} of account {}: {}{}", event.getCampaignId(), event.getAccountId(),
					cancellation.reasonCode(),
					(cancellation.recipient() != null) ? " (" + cancellation.recipient() + ")" : "");
			this.cancellations.record(event.getEventId(), cancellation);
		}
	}

	static Cancellation cancellationOf(CampaignEvent event) {
		if (event.getType() == CampaignEventType.STATUS_CHANGED && event.getStatus() == CampaignStatus.CANCELED) {
			return new Cancellation(event.getCampaignId(), null, Cancellation.CAMPAIGN_CANCELED);
		}
		if (event.getType() == CampaignEventType.RECIPIENT_DELETED && event.getRecipient() != null
				&& !event.getRecipient().isBlank()) {
			return new Cancellation(event.getCampaignId(), event.getRecipient(), Cancellation.LEAD_DELETED);
		}
		return null;
	}

}
