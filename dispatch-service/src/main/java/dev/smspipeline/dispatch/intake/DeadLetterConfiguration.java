package dev.smspipeline.dispatch.intake;

import org.apache.kafka.common.TopicPartition;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.util.backoff.FixedBackOff;

import dev.smspipeline.schemas.Topics;

/**
 * Dead-lettering for the transactional listener.
 *
 * <p>
 * With a {@code KafkaTransactionManager} on the container, a record whose listener throws
 * rolls its transaction back and goes to the container's {@code AfterRollbackProcessor};
 * that is where Spring Kafka's transactional counterpart of a {@code DefaultErrorHandler}
 * lives. Boot picks this bean up for the listener container factory. It retries a record
 * {@code sms.intake.max-attempts} times, {@code sms.intake.retry-backoff} apart (a
 * {@code DeserializationException} is never retried), then publishes it with a
 * {@link DeadLetterPublishingRecoverer} to {@code <topic>.DLT}, same partition, and sends
 * its offset to the same, new transaction: a record is either still pending or
 * dead-lettered, once.
 *
 * <p>
 * The DLT record is written with the application's own transactional template, so it
 * joins that transaction. Its value serializer, {@link AvroOrBytesSerializer}, writes the
 * original bytes of a record that could not be deserialized as they came, and a
 * deserialized {@code MessageRequested} as Avro again.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	@Bean
	DefaultAfterRollbackProcessor<Object, Object> deadLetteringAfterRollbackProcessor(
			KafkaTemplate<Object, Object> kafka, IntakeSettings settings) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
		FixedBackOff backOff = new FixedBackOff(settings.retryBackoff().toMillis(), settings.maxAttempts() - 1);
		return new DefaultAfterRollbackProcessor<>(recoverer, backOff, kafka, true);
	}

}
