package dev.smspipeline.dispatch.consent;

import org.apache.kafka.common.TopicPartition;

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
 * times, a second apart, first.
 */
@Configuration(proxyBeanMethods = false)
class ConsentKafkaConfiguration {

	@Bean
	CommonErrorHandler consentErrorHandler(KafkaTemplate<Object, Object> kafka) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1000, 2));
		handler.addNotRetryableExceptions(IllegalArgumentException.class);
		return handler;
	}

}
