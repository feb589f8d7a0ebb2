package dev.smspipeline.dispatch.intake;

import java.time.Clock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.dispatch.queue.Dispatcher;
import dev.smspipeline.dispatch.queue.Work;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.platform.kafka.deadletter.RejectedRecordException;
import dev.smspipeline.platform.logging.LogContext;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroDeserializer;

/**
 * Hands every requested text to the {@link Dispatcher}, and never waits for a number.
 *
 * <ul>
 * <li><strong>Topic and group:</strong> {@value Topics#MESSAGE_REQUESTED}, consumer group
 * {@value #GROUP}, read committed, {@code sms.intake.concurrency} consumer threads (one
 * by default). The container starts once {@code sms.accounts} is read
 * ({@link IntakeStart}), not with the context.</li>
 * <li><strong>Key and ordering:</strong> the key is the recipient (E.164), so every text
 * to one number is on one partition, in request order; the dispatcher keeps that order
 * per number while other numbers of the partition go on (no head-of-line blocking).</li>
 * <li><strong>Commit:</strong> {@code AckMode.MANUAL}, out of order made safe by
 * {@link PartitionProgress}: a record is finished when its outcome's status is
 * acknowledged by the broker (or it is parked durably, or dead-lettered), and the
 * committed offset is one past the highest offset below which every record is finished,
 * so a crash redelivers every unfinished record. No Kafka transaction: carrier calls
 * finish out of order and long after the poll; statuses go out on the idempotent producer
 * with deterministic event ids instead.</li>
 * <li><strong>Idempotency:</strong> every outcome is recorded in the {@code submission}
 * table before its status is published; a redelivered record finds it and publishes the
 * same status event again (same event id) without calling the carrier. A create call
 * repeated after a crash before that row carries the same idempotency token (the message
 * id), so the carrier answers it with its first answer, never a second text.</li>
 * <li><strong>Dead letters:</strong> a record that cannot be deserialized or misses a
 * required field goes at once, and one whose processing keeps throwing goes after
 * {@code sms.intake.max-attempts}, to {@value #DEAD_LETTER_TOPIC} with its original bytes
 * and Spring Kafka's {@code kafka_dlt-*} exception headers and {@code x-reason}
 * ({@code UNREADABLE}, {@value #INVALID_REQUEST}, {@code PROCESSING_FAILED}); its offset
 * counts as finished once the broker has it (counted in
 * {@code sms_dead_letter_records_total}). A text dead-lettered for repeated processing
 * failure also ends FAILED {@code PROCESSING_FAILED} on the status topic (after the dead
 * letter, before the offset counts as finished), so it does not stay QUEUED; an
 * unreadable or invalid record has no text to end and only goes to the DLT. Carrier
 * refusals are not errors: they end FAILED on the status topic.</li>
 * <li><strong>Tracing and logs:</strong> the container's observation continues the
 * producer's trace ({@code traceparent} header); the dispatcher carries it to the carrier
 * call and the statuses. The text's ids are in the logging MDC while it is taken.</li>
 * </ul>
 */
@Component
class MessageRequestListener {

	/** The listener container's id. */
	static final String ID = "message-requested";

	/** The consumer group. */
	static final String GROUP = "dispatch-service";

	static final String DEAD_LETTER_TOPIC = Topics.MESSAGE_REQUESTED + Topics.DLT_SUFFIX;

	/**
	 * The reason code of a record that reads as a {@code MessageRequested} but cannot be
	 * sent.
	 */
	static final String INVALID_REQUEST = "INVALID_REQUEST";

	private static final Logger log = LoggerFactory.getLogger(MessageRequestListener.class);

	private final Dispatcher dispatcher;

	private final PartitionAssignments assignments;

	private final DeadLetters deadLetters;

	private final AvroDeserializer<MessageRequested> deserializer;

	private final Clock clock = Clock.systemUTC();

	MessageRequestListener(Dispatcher dispatcher, PartitionAssignments assignments, DeadLetters deadLetters,
			AvroDeserializer<MessageRequested> messageRequestedDeserializer) {
		this.dispatcher = dispatcher;
		this.assignments = assignments;
		this.deadLetters = deadLetters;
		this.deserializer = messageRequestedDeserializer;
	}

	@KafkaListener(id = ID, topics = Topics.MESSAGE_REQUESTED, groupId = GROUP,
			containerFactory = IntakeConfiguration.CONTAINER_FACTORY, autoStartup = "false")
	void onMessageRequested(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
		PartitionProgress progress = this.assignments.progress(new TopicPartition(record.topic(), record.partition()));
		if (progress == null || !progress.track(record.offset(), ack)) {
			return;
		}
		if (record.value() == null) {
			log.warn("Skipping a record without a value at {}-{}@{}", record.topic(), record.partition(),
					record.offset());
			progress.complete(record.offset());
			return;
		}
		MessageRequested request;
		try {
			request = read(record);
		}
		catch (RuntimeException ex) {
			this.deadLetters.deadLetter(record, ex);
			progress.complete(record.offset());
			return;
		}
		try (LogContext.Scope logs = LogContext.text(request.getMessageId(), request.getCampaignId(),
				request.getAccountId())) {
			this.dispatcher.take(Work.fromRecord(progress, record.offset(), record.key(), record.value(), request,
					this.clock.instant()));
		}
	}

	private MessageRequested read(ConsumerRecord<String, byte[]> record) {
		MessageRequested request;
		try {
			request = this.deserializer.deserialize(record.topic(), record.value());
		}
		catch (RuntimeException ex) {
			throw new DeserializationException("Cannot read a MessageRequested: " + ex.getMessage(), record.value(),
					false, ex);
		}
		String missing = missing(request);
		if (missing != null) {
			throw new RejectedRecordException(INVALID_REQUEST, missing + " is required");
		}
		return request;
	}

	private static String missing(MessageRequested request) {
		if (blank(request.getMessageId())) {
			return "messageId";
		}
		if (blank(request.getAccountId())) {
			return "accountId";
		}
		if (blank(request.getRecipient())) {
			return "recipient";
		}
		if (request.getBody() == null || request.getBody().isEmpty()) {
			return "body";
		}
		return null;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
