package dev.smspipeline.campaign.intake;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import dev.smspipeline.platform.kafka.deadletter.ListenerContainers;
import dev.smspipeline.platform.kafka.deadletter.RetryPolicy;

/**
 * The listener container of the CRM intake: keys and values read as bytes (the listener
 * decodes the value itself, so every dead letter carries the original bytes and key), no
 * Kafka transaction (the listener writes only to the database and its outbox), offsets
 * committed once per poll after the listener returned for every record of it (ack mode
 * BATCH: a commit per record was a broker round trip per text, and made this entry point
 * dearer than the REST API; a crash before the commit delivers the poll's records again,
 * and each finds its {@code eventId} already recorded), rejected and unreadable records
 * to {@code crm.sms-requests.DLT} at once, other failures retried with back-off (500 ms
 * doubling up to 30 s apart, {@code sms.kafka.retry.crm-intake.*}) for
 * {@code sms.intake.retry-max-elapsed}, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class CrmIntakeKafkaConfiguration {

	static final String CONTAINER_FACTORY = "crmIntakeContainerFactory";

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<byte[], byte[]> crmIntakeContainerFactory(
			ConsumerFactory<Object, Object> consumers, ListenerContainers containers, IntakeSettings settings) {
		RetryPolicy retry = RetryPolicy.exponential(Duration.ofMillis(500), Duration.ofSeconds(30))
			.withMaxElapsed(settings.retryMaxElapsed());
		ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = containers.records("crm-intake", retry,
				new DefaultKafkaConsumerFactory<>(bytes(consumers.getConfigurationProperties())), AckMode.BATCH);
		factory.setConcurrency(settings.concurrency());
		factory.setAutoStartup(settings.enabled());
		return factory;
	}

	private static Map<String, Object> bytes(Map<String, Object> consumerConfig) {
		Map<String, Object> config = new HashMap<>(consumerConfig);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		return config;
	}

}
