package dev.smspipeline.campaign.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.platform.kafka.deadletter.RejectedRecordException;
import dev.smspipeline.schemas.DeadLetterHeaders;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;
import dev.smspipeline.platform.logging.LogContext;

/**
 * Completes campaigns when status-service says so.
 * <ul>
 * <li><b>Topic and group:</b> {@code sms.campaign-events}, consumer group
 * {@value #GROUP}, read_committed, shared by every instance.</li>
 * <li><b>Key and ordering:</b> the campaign id, so a campaign's events arrive in the
 * order they were published (its SENT before status-service's COMPLETED).</li>
 * <li><b>What it acts on:</b> {@code COMPLETED} (status DONE): a SENT campaign of that
 * account becomes DONE, keeping the event's counts and reason. Every other event
 * (campaign-service's own transitions among them) is skipped.</li>
 * <li><b>Commit:</b> the change and its STATUS_CHANGED DONE event (through the outbox)
 * commit in one database transaction; the record's offset is committed after it (ack mode
 * RECORD), so a crash in between delivers it again.</li>
 * <li><b>Idempotent:</b> a repeated COMPLETED finds the campaign DONE and changes
 * nothing.</li>
 * <li><b>Dead letters:</b> an unreadable record, or one of another type, goes to
 * {@code sms.campaign-events.DLT} at once; one whose handling keeps failing after five
 * minutes of retries goes there too (see {@link CampaignEventsKafkaConfiguration}).</li>
 * </ul>
 */
@Component
class CampaignEventListener {

	/** The consumer group. */
	static final String GROUP = "campaign-service";

	private final Completions completions;

	CampaignEventListener(Completions completions) {
		this.completions = completions;
	}

	@KafkaListener(id = "campaign-service-campaign-events", groupId = GROUP, topics = Topics.CAMPAIGN_EVENTS,
			containerFactory = CampaignEventsKafkaConfiguration.CONTAINER_FACTORY,
			properties = AvroSerdeConfig.VALUE_TYPE + "=dev.smspipeline.events.CampaignEvent")
	void onCampaignEvent(ConsumerRecord<String, Object> record) {
		if (record.value() != null && !(record.value() instanceof CampaignEvent)) {
			throw new RejectedRecordException(DeadLetterHeaders.NOT_A_CAMPAIGN_EVENT,
					"Not a CampaignEvent: " + record.value().getClass().getName());
		}
		if (record.value() instanceof CampaignEvent event && event.getType() == CampaignEventType.COMPLETED) {
			try (LogContext.Scope logs = LogContext.campaign(event.getCampaignId(), event.getAccountId())) {
				this.completions.completed(event);
			}
		}
	}

}
