package dev.smspipeline.status.store;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.smspipeline.platform.kafka.KafkaTelemetry;
import dev.smspipeline.platform.kafka.StaticMembership;
import dev.smspipeline.schemas.Topics;

/**
 * The listener containers of the store ({@link DeliveryStatusProjector},
 * {@link CampaignEventProjector}): batch listener, offsets committed after each batch,
 * undeserializable records to the dead-letter topic of their topic, everything else
 * retried with back-off.
 */
@Configuration(proxyBeanMethods = false)
class StoreKafkaConfiguration {

	/** The container factory the store's projectors run in. */
	static final String CONTAINER_FACTORY = "statusStoreContainerFactory";

	@Bean
	DeadLetters statusStoreDeadLetters(ProducerFactory<Object, Object> producers, KafkaTelemetry telemetry) {
		return new DeadLetters(producers, telemetry);
	}

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> statusStoreContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			DeadLetters deadLetters, StoreSettings settings, StaticMembership membership) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		factory.setBatchListener(true);
		factory.setConcurrency(settings.concurrency());
		factory.getContainerProperties().setAckMode(AckMode.BATCH);
		factory.setCommonErrorHandler(errorHandler(deadLetters, settings));
		factory.setContainerCustomizer(membership::apply);
		return factory;
	}

	/**
	 * Static membership of the store's consumers under
	 * {@code sms.store.group-instance-id}: after a kill -9 and a restart, statuses are
	 * stored again at once rather than after the dead member's session timeout.
	 * @param settings the settings
	 * @param admin where the admin client's configuration comes from
	 * @return the membership (dynamic when no id is set)
	 */
	@Bean
	StaticMembership storeStaticMembership(StoreSettings settings, KafkaAdmin admin) {
		return new StaticMembership(settings.groupInstanceId(), admin);
	}

	/**
	 * A {@code DeserializationException} is not retryable by default, so an unreadable
	 * record goes to the dead-letter topic at once. Any other failure retries the batch
	 * with exponential back-off, without end: it is the database, and skipping would lose
	 * statuses ({@link Batches} logs a WARN per refused attempt). The handler logs at
	 * WARN, not ERROR: a dead letter is the expected end of poison.
	 */
	private static DefaultErrorHandler errorHandler(DeadLetters deadLetters, StoreSettings settings) {
		ExponentialBackOff backOff = new ExponentialBackOff(settings.retryInitialInterval().toMillis(), 2.0);
		backOff.setMaxInterval(settings.retryMaxInterval().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters.recoverer(), backOff);
		// A dead-lettered record ends in "Seek to current after exception": expected, and
		// logged by Batches and the recoverer already, so not an ERROR with a stack
		// trace.
		handler.setLogLevel(KafkaException.Level.WARN);
		return handler;
	}

	/**
	 * Writes dead letters as they arrived: the original bytes under the original key, to
	 * {@code <topic>.DLT}, same partition, with Spring Kafka's exception headers. Its own
	 * producer, since the service's template serializes Avro records, not bytes; observed
	 * and counted ({@code sms_dead_letter_records_total}) like the service's template.
	 */
	static final class DeadLetters implements DisposableBean {

		private final KafkaTemplate<Object, Object> template;

		DeadLetters(ProducerFactory<Object, Object> producers, KafkaTelemetry telemetry) {
			this.template = telemetry.instrument(new KafkaTemplate<>(producers,
					Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
							ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
		}

		DeadLetterPublishingRecoverer recoverer() {
			return new DeadLetterPublishingRecoverer(this.template,
					(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
		}

		@Override
		public void destroy() {
			this.template.destroy();
		}

	}

}
