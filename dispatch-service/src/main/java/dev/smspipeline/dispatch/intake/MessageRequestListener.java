package dev.smspipeline.dispatch.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.smspipeline.dispatch.submission.SubmissionFlow;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.schemas.Topics;

/**
 * Hands every requested text to the {@link SubmissionFlow}.
 *
 * <ul>
 * <li><strong>Topic and group:</strong> {@value Topics#MESSAGE_REQUESTED}, consumer group
 * {@value #GROUP}, read committed.</li>
 * <li><strong>Key and ordering:</strong> the key is the recipient (E.164), so every text
 * to one number is on one partition, and this listener takes them in the order they were
 * requested, one at a time per partition.</li>
 * <li><strong>Commit:</strong> each record is processed in its own Kafka transaction
 * (Boot gives the container the {@code KafkaTransactionManager} of the transactional
 * producer): the status records it publishes to {@value Topics#DELIVERY_STATUS} and its
 * consumed offset commit together, or neither does and the record is delivered
 * again.</li>
 * <li><strong>Idempotency:</strong> a text's outcome is recorded in the
 * {@code submission} table before the transaction commits; a redelivered record finds it
 * and publishes the same status event again (same event id) without calling the carrier.
 * A create call repeated after a crash before that row carries the same idempotency token
 * (the message id), so the carrier answers it with its first answer, never a second
 * text.</li>
 * <li><strong>Dead letters:</strong> a record that cannot be deserialized goes at once,
 * and one whose processing keeps throwing goes after {@code sms.intake.max-attempts}, to
 * {@value #DEAD_LETTER_TOPIC} with its original bytes (or its value re-serialized) and
 * Spring Kafka's {@code kafka_dlt-*} exception headers, in the transaction that commits
 * its offset (see {@link DeadLetterConfiguration}). Carrier refusals are not errors: they
 * end FAILED on the status topic.</li>
 * </ul>
 */
@Component
class MessageRequestListener {

	/** The listener container's id. */
	static final String ID = "message-requested";

	/** The consumer group. */
	static final String GROUP = "dispatch-service";

	static final String DEAD_LETTER_TOPIC = Topics.MESSAGE_REQUESTED + Topics.DLT_SUFFIX;

	private static final Logger log = LoggerFactory.getLogger(MessageRequestListener.class);

	private final SubmissionFlow flow;

	MessageRequestListener(SubmissionFlow flow) {
		this.flow = flow;
	}

	@KafkaListener(id = ID, topics = Topics.MESSAGE_REQUESTED, groupId = GROUP)
	void onMessageRequested(ConsumerRecord<String, MessageRequested> record) {
		if (record.value() == null) {
			log.warn("Skipping a record without a value at {}-{}@{}", record.topic(), record.partition(),
					record.offset());
			return;
		}
		this.flow.dispatch(record.value());
	}

}
