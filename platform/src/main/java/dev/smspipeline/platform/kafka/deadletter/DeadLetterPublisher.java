package dev.smspipeline.platform.kafka.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

import dev.smspipeline.platform.kafka.KafkaTelemetry;
import dev.smspipeline.platform.kafka.RecordSerializer;
import dev.smspipeline.schemas.DeadLetterHeaders;
import dev.smspipeline.schemas.Topics;

/**
 * Writes records that cannot be processed to {@code <topic>.DLT}, the same partition they
 * were read from, as they arrived: the original key and value bytes (see
 * {@link RecordSerializer}; the bytes of a value an {@code ErrorHandlingDeserializer}
 * could not read), Spring Kafka's {@code kafka_dlt-*} headers (original topic, partition,
 * offset, timestamp, exception class, message and stack trace) and
 * {@value DeadLetterHeaders#REASON} ({@link #reason(Throwable)}).
 *
 * <p>
 * Its own producer, from the service's producer configuration without a transactional id
 * (no listener writes a dead letter in a Kafka transaction) and with the
 * {@link RecordSerializer}; observed, with client metrics, and counted in
 * {@code sms_dead_letter_records_total} through the platform's {@link KafkaTelemetry}.
 * Every publication waits until the broker has the dead letter, and fails when it does
 * not: only then may the record's offset be committed.
 */
public class DeadLetterPublisher implements DisposableBean {

	private final KafkaTemplate<Object, Object> template;

	private final DeadLetterPublishingRecoverer recoverer;

	/**
	 * @param producers the service's producer factory, whose configuration is copied
	 * @param telemetry instruments the producer
	 */
	public DeadLetterPublisher(ProducerFactory<?, ?> producers, KafkaTelemetry telemetry) {
		Map<String, Object> config = new HashMap<>(producers.getConfigurationProperties());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, RecordSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RecordSerializer.class);
		this.template = telemetry.instrument(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config)));
		this.recoverer = recoverer();
	}

	/**
	 * A recoverer for a listener container's error handler, publishing as described
	 * above.
	 * @return a new recoverer
	 */
	public DeadLetterPublishingRecoverer recoverer() {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(this.template,
				(record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
		recoverer.addHeadersFunction((record, failure) -> {
			RecordHeaders headers = new RecordHeaders();
			headers.add(DeadLetterHeaders.REASON, reason(failure).getBytes(StandardCharsets.UTF_8));
			return headers;
		});
		return recoverer;
	}

	/**
	 * Dead-letters one record, for a listener that settles its records itself; returns
	 * once the broker has it.
	 * @param record the record as read
	 * @param failure why it cannot be processed
	 */
	public void publish(ConsumerRecord<?, ?> record, Exception failure) {
		this.recoverer.accept(record, failure);
	}

	/**
	 * The {@value DeadLetterHeaders#REASON} of a failure: the code of a
	 * {@link RejectedRecordException}, {@value DeadLetterHeaders#UNREADABLE} for a key or
	 * value that could not be deserialized, else
	 * {@value DeadLetterHeaders#PROCESSING_FAILED}.
	 * @param failure the failure (its causes are looked at too)
	 * @return the code
	 */
	public static String reason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RejectedRecordException rejected) {
				return rejected.reason();
			}
			if (cause instanceof DeserializationException || cause instanceof SerializationException) {
				return DeadLetterHeaders.UNREADABLE;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return DeadLetterHeaders.PROCESSING_FAILED;
	}

	@Override
	public void destroy() {
		this.template.destroy();
	}

}
