package dev.smspipeline.status.store;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;

/**
 * Projects {@code sms.delivery-status} into the status store.
 * <ul>
 * <li><b>Topic and group:</b> {@code sms.delivery-status}, consumer group
 * {@value #GROUP}, read_committed, from the earliest offset when the group is new. Every
 * instance of the service joins the same group, so the partitions are shared among them;
 * any instance answers queries, since they all read the one database.</li>
 * <li><b>Key and ordering:</b> the message id, so every status of one text is on one
 * partition and applied in the order it was published; texts on different partitions are
 * independent.</li>
 * <li><b>Commit:</b> a poll's records are written in one database transaction
 * ({@link StatusStore#write}): history, current status, campaign counters and recipient
 * summaries together. The container commits their offsets only after that transaction
 * committed (ack mode BATCH). A crash in between replays the batch.</li>
 * <li><b>Idempotent:</b> by event id and by state. A replayed or repeated event adds no
 * history row, cannot move a status backwards, and (since counters move only when a
 * stored status really changes) moves no counter, so at-least-once delivery is enough,
 * and replaying the topic into empty tables rebuilds them.</li>
 * <li><b>Produces:</b> nothing, so no Kafka transaction is involved.</li>
 * <li><b>Dead letters:</b> a record whose value cannot be deserialized as a
 * {@code DeliveryStatus} (one of another type, under its own schema id, included; the
 * {@code ErrorHandlingDeserializer} hands it over as a failure) goes, with its original
 * bytes and the error headers, to {@code sms.delivery-status.DLT} on the same partition:
 * the records before it are written and committed first, the ones after it are read
 * again. An event that cannot be stored (no event id, message id or account id, an
 * impossible time, or an id or number too long for the store's keys) is logged and
 * skipped. When the database refuses a batch, the batch is retried with back-off until it
 * succeeds; nothing is skipped or dead-lettered for a database outage.</li>
 * </ul>
 */
@Component
class DeliveryStatusProjector {

	/** The consumer group of the store. */
	static final String GROUP = "status-service-store";

	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	/** Longest id, number or campaign id stored ({@link #fitsAKey}). */
	static final int MAX_KEY_LENGTH = 200;

	private final StatusStore store;

	DeliveryStatusProjector(StatusStore store) {
		this.store = store;
	}

	@KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.DELIVERY_STATUS,
			containerFactory = StoreKafkaConfiguration.CONTAINER_FACTORY, batch = "true",
			properties = AvroSerdeConfig.VALUE_TYPE + "=dev.smspipeline.events.DeliveryStatus")
	void project(List<ConsumerRecord<String, Object>> records) {
		Batches.project(records, DeliveryStatus.class, DeliveryStatusProjector::storable, this.store::write);
	}

	private static boolean storable(DeliveryStatus event) {
		return !event.getEventId().isBlank() && !event.getMessageId().isBlank() && !event.getAccountId().isBlank()
				&& !event.getOccurredAt().isBefore(EARLIEST) && !event.getOccurredAt().isAfter(LATEST)
				&& fitsAKey(event.getEventId()) && fitsAKey(event.getMessageId()) && fitsAKey(event.getAccountId())
				&& fitsAKey(event.getCampaignId()) && fitsAKey(event.getRecipient()) && fitsAKey(event.getSender());
	}

	/**
	 * Whether a value fits the store's keys. Ids, numbers and campaigns are columns of
	 * its btree indexes, which refuse an entry over about 2.7 kB: an event carrying a
	 * longer one would be refused by the database on every retry and hold its partition
	 * up for good, so it is skipped instead. No id or number the pipeline makes comes
	 * near the bound.
	 */
	static boolean fitsAKey(CharSequence value) {
		return value == null || value.length() <= MAX_KEY_LENGTH;
	}

}
