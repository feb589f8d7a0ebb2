package dev.smspipeline.dispatch.consent;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import dev.smspipeline.schemas.Topics;

/**
 * The error handler of Boot's default listener container factory, which the
 * {@code sms.campaign-events} and {@code sms.opt-outs} listeners use: a record that
 * cannot be deserialized (Boot's {@code ErrorHandlingDeserializer}) or is invalid goes to
 * {@code <topic>.DLT} at once, same partition; one whose processing throws is tried three
 * times, a second apart, first. A record a listener refused
 * ({@link RejectedConsentRecord}) carries its reason code in {@code x-reason}.
 */
@Configuration(proxyBeanMethods = false)
class ConsentKafkaConfiguration {

	@Bean
	CommonErrorHandler consentErrorHandler(KafkaTemplate<Object, Object> kafka) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
		recoverer.addHeadersFunction((record, exception) -> reasonHeader(exception));
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1000, 2));
		handler.addNotRetryableExceptions(IllegalArgumentException.class);
		return handler;
	}

	/** The {@code x-reason} of a record a listener refused, else no header. */
	private static Headers reasonHeader(Exception exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof RejectedConsentRecord rejected) {
				RecordHeaders headers = new RecordHeaders();
				headers.add(RejectedConsentRecord.REASON_HEADER, rejected.reason().getBytes(StandardCharsets.UTF_8));
				return headers;
			}
		}
		return null;
	}

}
