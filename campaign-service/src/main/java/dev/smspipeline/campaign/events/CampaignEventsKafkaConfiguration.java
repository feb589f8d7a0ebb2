package dev.smspipeline.campaign.events;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.smspipeline.campaign.outbox.RecordSerializer;
import dev.smspipeline.schemas.Topics;

/**
 * The listener container of the campaign events listener: no Kafka transaction (the
 * listener writes only to the database, and its outbox), offsets committed per record
 * after the listener returned, unreadable records to {@code sms.campaign-events.DLT} at
 * once, other failures retried with back-off for up to five minutes, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class CampaignEventsKafkaConfiguration {

	static final String CONTAINER_FACTORY = "campaignEventsContainerFactory";

	@Bean
	DeadLetters campaignEventsDeadLetters(ProducerFactory<?, ?> producers) {
		return new DeadLetters(producers);
	}

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> campaignEventsContainerFactory(
			ConsumerFactory<Object, Object> consumers, DeadLetters deadLetters) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumers);
		factory.getContainerProperties().setAckMode(AckMode.RECORD);
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters.template,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(30_000);
		backOff.setMaxElapsedTime(300_000);
		factory.setCommonErrorHandler(new DefaultErrorHandler(recoverer, backOff));
		return factory;
	}

	/**
	 * The dead-letter producer: not transactional (the listener runs in no Kafka
	 * transaction), writes a record's original bytes, or its value as Avro again. Not a
	 * {@code KafkaTemplate} bean, so Boot's own template stays.
	 */
	static final class DeadLetters implements DisposableBean {

		private final KafkaTemplate<String, Object> template;

		DeadLetters(ProducerFactory<?, ?> producers) {
			Map<String, Object> config = new HashMap<>(producers.getConfigurationProperties());
			config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
			config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
			config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RecordSerializer.class);
			this.template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
		}

		@Override
		public void destroy() {
			this.template.destroy();
		}

	}

}
