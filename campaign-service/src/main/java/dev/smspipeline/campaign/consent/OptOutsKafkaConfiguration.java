package dev.smspipeline.campaign.consent;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.smspipeline.campaign.messaging.DeadLetters;

/**
 * The listener container of the opt-out listener: no Kafka transaction (the listener
 * writes only to the database), offsets committed per record after its change committed,
 * unreadable and invalid records to {@code sms.opt-outs.DLT} at once. Any other failure
 * (the database is away) is retried with back-off up to 30 s apart, <em>without end</em>:
 * an opt-out must not be skipped, so the partition waits rather than dead-letter a STOP.
 */
@Configuration(proxyBeanMethods = false)
class OptOutsKafkaConfiguration {

	static final String CONTAINER_FACTORY = "optOutsContainerFactory";

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> optOutsContainerFactory(
			ConsumerFactory<Object, Object> consumers, DeadLetters deadLetters) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumers);
		factory.getContainerProperties().setAckMode(AckMode.RECORD);
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(30_000);
		factory.setCommonErrorHandler(deadLetters.errorHandler(backOff));
		return factory;
	}

}
