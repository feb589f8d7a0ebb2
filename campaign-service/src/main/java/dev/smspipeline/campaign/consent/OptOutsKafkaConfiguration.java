package dev.smspipeline.campaign.consent;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import dev.smspipeline.platform.kafka.deadletter.ListenerContainers;
import dev.smspipeline.platform.kafka.deadletter.RetryPolicy;

/**
 * The listener container of the opt-out listener: no Kafka transaction (the listener
 * writes only to the database), offsets committed per record after its change committed,
 * unreadable and invalid records to {@code sms.opt-outs.DLT} at once. Any other failure
 * (the database is away) is retried with back-off up to 30 s apart, <em>without end</em>
 * ({@link #RETRY}, {@code sms.kafka.retry.opt-outs.*}): an opt-out must not be skipped,
 * so the partition waits rather than dead-letter a STOP.
 */
@Configuration(proxyBeanMethods = false)
class OptOutsKafkaConfiguration {

	static final String CONTAINER_FACTORY = "optOutsContainerFactory";

	/** 500 ms doubling up to 30 s apart, without end. */
	static final RetryPolicy RETRY = RetryPolicy.exponential(Duration.ofMillis(500), Duration.ofSeconds(30));

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> optOutsContainerFactory(
			ConsumerFactory<Object, Object> consumers, ListenerContainers containers) {
		return containers.records("opt-outs", RETRY, consumers, AckMode.RECORD);
	}

}
