package dev.smspipeline.status.store;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;

/**
 * Projects what {@code sms.campaign-events} says about each campaign into
 * {@code campaign_counters}: how many texts campaign-service released in all, its latest
 * lifecycle status, and whether the campaign was completed (see
 * {@link CampaignEventStore}).
 * <ul>
 * <li><b>Topic and group:</b> {@code sms.campaign-events}, consumer group
 * {@value #GROUP}, read_committed, from the earliest offset when the group is new; shared
 * by every instance.</li>
 * <li><b>Key and ordering:</b> the campaign id, so one campaign's events are applied in
 * the order they were published (its release announcement before its completion).</li>
 * <li><b>Commit:</b> a poll's records are written in one database transaction; the
 * container commits their offsets only after it committed (ack mode BATCH).</li>
 * <li><b>Idempotent:</b> every write sets a value the event carries (never adds), so a
 * repeated or replayed event changes nothing.</li>
 * <li><b>Produces:</b> nothing, so no Kafka transaction is involved; the completion
 * events this service publishes come from the completion job, which reads the table.</li>
 * <li><b>Dead letters:</b> an undeserializable record goes to
 * {@code sms.campaign-events.DLT} on the same partition; an event without account or
 * campaign id is logged and skipped; a database failure retries the batch with back-off
 * until it succeeds.</li>
 * </ul>
 */
@Component
class CampaignEventProjector {

	/** The consumer group of the campaign events projection. */
	static final String GROUP = "status-service-campaigns";

	private final CampaignEventStore store;

	CampaignEventProjector(CampaignEventStore store) {
		this.store = store;
	}

	@KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.CAMPAIGN_EVENTS,
			containerFactory = StoreKafkaConfiguration.CONTAINER_FACTORY, batch = "true",
			properties = AvroSerdeConfig.VALUE_TYPE + "=dev.smspipeline.events.CampaignEvent")
	void project(List<ConsumerRecord<String, Object>> records) {
		Batches.project(records, CampaignEvent.class, CampaignEventProjector::storable, this.store::write);
	}

	private static boolean storable(CampaignEvent event) {
		return !event.getCampaignId().isBlank() && !event.getAccountId().isBlank() && event.getOccurredAt() != null
				&& DeliveryStatusProjector.fitsAKey(event.getCampaignId())
				&& DeliveryStatusProjector.fitsAKey(event.getAccountId());
	}

}
