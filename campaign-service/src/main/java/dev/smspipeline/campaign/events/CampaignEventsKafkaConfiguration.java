package dev.smspipeline.campaign.events;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.smspipeline.campaign.messaging.DeadLetters;

/**
 * The listener container of the campaign events listener: no Kafka transaction (the
 * listener writes only to the database, and its outbox), offsets committed per record
 * after the listener returned, unreadable records to {@code sms.campaign-events.DLT} at
 * once, other failures retried with back-off for up to five minutes, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class CampaignEventsKafkaConfiguration {

	static final String CONTAINER_FACTORY = "campaignEventsContainerFactory";

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> campaignEventsContainerFactory(
			ConsumerFactory<Object, Object> consumers, DeadLetters deadLetters) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumers);
		factory.getContainerProperties().setAckMode(AckMode.RECORD);
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(30_000);
		backOff.setMaxElapsedTime(300_000);
		factory.setCommonErrorHandler(deadLetters.errorHandler(backOff));
		return factory;
	}

}
