package dev.smspipeline.platform.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import org.springframework.kafka.support.LoggingProducerListener;

import dev.smspipeline.schemas.Topics;

/**
 * The producer listener of every template of the services (Boot's takes it as the
 * {@code ProducerListener} bean): counts the records acknowledged on a dead-letter topic
 * ({@link DeadLetterMetrics}), and logs failed sends as Boot's default listener does, but
 * never with the record's key or value (a recipient's number, a text's body).
 */
public class DeadLetterCountingProducerListener extends LoggingProducerListener<Object, Object> {

	private final DeadLetterMetrics deadLetters;

	public DeadLetterCountingProducerListener(DeadLetterMetrics deadLetters) {
		this.deadLetters = deadLetters;
		setIncludeContents(false);
	}

	@Override
	public void onSuccess(ProducerRecord<Object, Object> record, RecordMetadata metadata) {
		if (record.topic().endsWith(Topics.DLT_SUFFIX)) {
			this.deadLetters.count(record.topic(), record.headers());
		}
	}

}
