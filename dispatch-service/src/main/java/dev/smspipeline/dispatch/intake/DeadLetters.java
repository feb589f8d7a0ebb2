package dev.smspipeline.dispatch.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

import dev.smspipeline.dispatch.queue.DeadLetterSink;
import dev.smspipeline.dispatch.queue.Work;
import dev.smspipeline.schemas.Topics;

/**
 * Publishes to {@code sms.message-requested.DLT}, same partition, with Spring Kafka's
 * {@link DeadLetterPublishingRecoverer}: the record's original bytes as value, its key,
 * and the {@code kafka_dlt-*} headers (exception class, message and stack trace; original
 * topic, partition, offset and timestamp). Waits until the broker has it: only then may
 * the record's offset be committed.
 */
@Component
class DeadLetters implements DeadLetterSink {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private final DeadLetterPublishingRecoverer recoverer;

	DeadLetters(KafkaTemplate<Object, Object> kafka) {
		this.recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
	}

	/**
	 * Dead-letters a record as read.
	 * @param record the record, value as bytes
	 * @param failure why
	 */
	void deadLetter(ConsumerRecord<String, byte[]> record, Exception failure) {
		log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
				failure.toString());
		this.recoverer.accept(record, failure);
	}

	@Override
	public void deadLetter(Work work, Exception failure) {
		deadLetter(new ConsumerRecord<>(Topics.MESSAGE_REQUESTED, work.partition(), work.offset(), work.key(),
				work.value()), failure);
	}

}
