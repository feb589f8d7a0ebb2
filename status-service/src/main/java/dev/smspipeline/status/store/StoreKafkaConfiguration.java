package dev.smspipeline.status.store;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import dev.smspipeline.platform.kafka.StaticMembership;
import dev.smspipeline.platform.kafka.deadletter.ListenerContainers;
import dev.smspipeline.platform.kafka.deadletter.RetryPolicy;

/**
 * The listener containers of the store ({@link DeliveryStatusProjector},
 * {@link CampaignEventProjector}): batch listener, offsets committed after each batch,
 * undeserializable records to the dead-letter topic of their topic (the platform's
 * {@code DeadLetterPublisher}: original bytes, same partition, {@code x-reason:
 * UNREADABLE}), everything else retried with back-off.
 */
@Configuration(proxyBeanMethods = false)
class StoreKafkaConfiguration {

	/** The container factory the store's projectors run in. */
	static final String CONTAINER_FACTORY = "statusStoreContainerFactory";

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> statusStoreContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			ListenerContainers containers, StoreSettings settings, StaticMembership membership) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		factory.setBatchListener(true);
		factory.setConcurrency(settings.concurrency());
		factory.getContainerProperties().setAckMode(AckMode.BATCH);
		factory.setCommonErrorHandler(containers.errorHandler("store", retry(settings)));
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
	 * A {@code DeserializationException} is not retryable, so an unreadable record goes
	 * to the dead-letter topic at once. Any other failure retries the batch with
	 * exponential back-off ({@code sms.store.retry-initial-interval} doubling up to
	 * {@code sms.store.retry-max-interval}, or {@code sms.kafka.retry.store.*}), without
	 * end: it is the database, and skipping would lose statuses ({@link Batches} logs a
	 * WARN per refused attempt). The handler logs at WARN, not ERROR: a dead letter is
	 * the expected end of poison.
	 */
	private static RetryPolicy retry(StoreSettings settings) {
		return RetryPolicy.exponential(settings.retryInitialInterval(), settings.retryMaxInterval());
	}

}
