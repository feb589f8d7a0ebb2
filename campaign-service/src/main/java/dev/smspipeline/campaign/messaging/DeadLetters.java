package dev.smspipeline.campaign.messaging;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;

import dev.smspipeline.campaign.outbox.RecordSerializer;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.platform.kafka.DeadLetterMetrics;
import dev.smspipeline.platform.kafka.KafkaTelemetry;

/**
 * The dead-letter producer every listener of this service shares: not transactional (no
 * listener runs in a Kafka transaction; each writes only to the database and its outbox),
 * keys and values written as they came ({@code byte[]} as is, {@code String} as UTF-8, a
 * record that was read as Avro again). Not a {@code KafkaTemplate} bean, so Boot's own
 * template stays. Observed, with client metrics, and counted in
 * {@code sms_dead_letter_records_total} by the platform's {@code KafkaTelemetry}.
 *
 * <p>
 * Every dead letter carries Spring's {@code kafka_dlt-*} headers (original topic,
 * partition, offset, exception class and message) and {@value #REASON}: a short code,
 * {@value #UNREADABLE} for a value that could not be deserialized, the
 * {@link RejectedRecordException#reason()} of a record a listener refused, or
 * {@value #PROCESSING_FAILED} when handling kept failing until the back-off gave up; and
 * the bounded reason of {@code sms_dead_letter_records_total} in
 * {@code x-dead-letter-reason} (DESERIALIZATION for {@value #UNREADABLE}, PROCESSING for
 * {@value #PROCESSING_FAILED}, VALIDATION for any other rejection).
 */
@Component
public class DeadLetters implements DisposableBean {

	/** The header with the short reason code. */
	public static final String REASON = "x-reason";

	/** Reason of a record whose key or value could not be deserialized. */
	public static final String UNREADABLE = "UNREADABLE";

	/** Reason of a record whose handling failed until the retries were exhausted. */
	public static final String PROCESSING_FAILED = "PROCESSING_FAILED";

	private final KafkaTemplate<Object, Object> template;

	DeadLetters(ProducerFactory<?, ?> producers, KafkaTelemetry telemetry) {
		Map<String, Object> config = new HashMap<>(producers.getConfigurationProperties());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, RecordSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RecordSerializer.class);
		this.template = telemetry.instrument(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config)));
	}

	/**
	 * A recoverer that writes a failed record to {@code <topic>.DLT}, same partition,
	 * with Spring's {@code kafka_dlt-*} headers (original topic, partition, offset,
	 * exception class and message).
	 * @return a new recoverer, to add headers to
	 */
	public DeadLetterPublishingRecoverer recoverer() {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(this.template,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
		recoverer.addHeadersFunction((record, ex) -> {
			RecordHeaders headers = new RecordHeaders();
			String reason = reason(ex);
			headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
			headers.add(DeadLetterMetrics.REASON_HEADER, metricReason(reason).name().getBytes(StandardCharsets.UTF_8));
			return headers;
		});
		return recoverer;
	}

	/**
	 * An error handler that retries with {@code backOff}, then dead-letters; a
	 * {@link RejectedRecordException} or an unreadable record is dead-lettered at once.
	 * The failed record's offset is committed after it was dead-lettered, so consumption
	 * goes on.
	 * @param backOff how to retry other failures
	 * @return the error handler
	 */
	public DefaultErrorHandler errorHandler(BackOff backOff) {
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer(), backOff);
		handler.addNotRetryableExceptions(RejectedRecordException.class, SerializationException.class);
		return handler;
	}

	/** The {@value #REASON} of a failure. */
	static String reason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RejectedRecordException rejected) {
				return rejected.reason();
			}
			if (cause instanceof DeserializationException || cause instanceof SerializationException) {
				return UNREADABLE;
			}
		}
		return PROCESSING_FAILED;
	}

	/** The bounded reason of {@code sms_dead_letter_records_total} for a reason code. */
	static DeadLetterMetrics.Reason metricReason(String reason) {
		return switch (reason) {
			case UNREADABLE -> DeadLetterMetrics.Reason.DESERIALIZATION;
			case PROCESSING_FAILED -> DeadLetterMetrics.Reason.PROCESSING;
			default -> DeadLetterMetrics.Reason.VALIDATION;
		};
	}

	@Override
	public void destroy() {
		this.template.destroy();
	}

}
