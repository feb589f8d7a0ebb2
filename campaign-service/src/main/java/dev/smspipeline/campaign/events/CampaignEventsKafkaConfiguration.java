package dev.smspipeline.campaign.events;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import dev.smspipeline.platform.kafka.deadletter.ListenerContainers;
import dev.smspipeline.platform.kafka.deadletter.RetryPolicy;

/**
 * The listener container of the campaign events listener: no Kafka transaction (the
 * listener writes only to the database, and its outbox), offsets committed per record
 * after the listener returned, unreadable and rejected records to
 * {@code sms.campaign-events.DLT} at once, other failures retried with back-off
 * ({@link #RETRY}, {@code sms.kafka.retry.campaign-events.*}), then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class CampaignEventsKafkaConfiguration {

	static final String CONTAINER_FACTORY = "campaignEventsContainerFactory";

	/** 500 ms doubling up to 30 s apart, for up to five minutes. */
	static final RetryPolicy RETRY = RetryPolicy.exponential(Duration.ofMillis(500), Duration.ofSeconds(30))
		.withMaxElapsed(Duration.ofMinutes(5));

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> campaignEventsContainerFactory(
			ConsumerFactory<Object, Object> consumers, ListenerContainers containers) {
		return containers.records("campaign-events", RETRY, consumers, AckMode.RECORD);
	}

}
