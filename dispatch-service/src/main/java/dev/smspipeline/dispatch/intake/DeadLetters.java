package dev.smspipeline.dispatch.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.smspipeline.dispatch.queue.DeadLetterSink;
import dev.smspipeline.dispatch.queue.Work;
import dev.smspipeline.platform.kafka.deadletter.DeadLetterPublisher;
import dev.smspipeline.schemas.Topics;

/**
 * Dead-letters {@code sms.message-requested} records with the platform's
 * {@link DeadLetterPublisher}: to {@code sms.message-requested.DLT}, same partition, the
 * record's original bytes as value, its key, the {@code kafka_dlt-*} headers (exception
 * class, message and stack trace; original topic, partition, offset and timestamp) and
 * {@code x-reason} ({@code UNREADABLE}, {@code INVALID_REQUEST} or
 * {@code PROCESSING_FAILED}). Waits until the broker has it: only then may the record's
 * offset be committed.
 */
@Component
class DeadLetters implements DeadLetterSink {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private final DeadLetterPublisher publisher;

	DeadLetters(DeadLetterPublisher publisher) {
		this.publisher = publisher;
	}

	/**
	 * Dead-letters a record as read.
	 * @param record the record, value as bytes
	 * @param failure why
	 */
	void deadLetter(ConsumerRecord<String, byte[]> record, Exception failure) {
		log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
				failure.toString());
		this.publisher.publish(record, failure);
	}

	@Override
	public void deadLetter(Work work, Exception failure) {
		deadLetter(new ConsumerRecord<>(Topics.MESSAGE_REQUESTED, work.partition(), work.offset(), work.key(),
				work.value()), failure);
	}

}
