package dev.smspipeline.dispatch.intake;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import dev.smspipeline.dispatch.queue.IntakeRetry;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.platform.kafka.StaticMembership;
import dev.smspipeline.schemas.serde.AvroDeserializer;

/**
 * The listener container of {@code sms.message-requested}.
 *
 * <p>
 * Values are read as bytes and deserialized by the listener, so a record that cannot be
 * read is dead-lettered with its bytes right there and the container never seeks back.
 * {@code AckMode.MANUAL} without {@code asyncAcks}: Spring Kafka's out-of-order
 * acknowledgments pause the consumer until every record of the previous poll is
 * acknowledged, which is exactly the head-of-line blocking dispatch exists to avoid; the
 * {@code PartitionProgress} of each partition acknowledges only the record at its
 * watermark instead, and the container commits it after its next poll. The rest of the
 * consumer's configuration is Boot's ({@code spring.kafka.consumer.*}).
 *
 * <p>
 * With {@code sms.intake.group-instance-id}, this container's consumers and those of
 * Boot's default factory (the consent listeners) are static members of their groups
 * ({@link StaticMembership}).
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	static final String CONTAINER_FACTORY = "messageRequestedContainerFactory";

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> messageRequestedContainerFactory(
			ConsumerFactory<?, ?> consumers, PartitionAssignments assignments, IntakeSettings settings,
			StaticMembership membership) {
		Map<String, Object> properties = new HashMap<>(consumers.getConfigurationProperties());
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(properties));
		factory.setConcurrency(settings.concurrency());
		factory.setCommonErrorHandler(new CommonLoggingErrorHandler());
		ContainerProperties container = factory.getContainerProperties();
		container.setAckMode(ContainerProperties.AckMode.MANUAL);
		container.setAsyncAcks(false);
		container.setPollTimeout(settings.pollTimeout().toMillis());
		container.setConsumerRebalanceListener(assignments.rebalanceListener());
		factory.setContainerCustomizer(membership::apply);
		return factory;
	}

	@Bean
	StaticMembership staticMembership(IntakeSettings settings, KafkaAdmin admin) {
		return new StaticMembership(settings.groupInstanceId(), admin);
	}

	/**
	 * Static membership for the containers of Boot's default factory too (the
	 * {@code sms.campaign-events} and {@code sms.opt-outs} listeners).
	 * @param membership the membership
	 * @return Boot's factory's container customizer
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> staticMembershipCustomizer(
			StaticMembership membership) {
		return membership::apply;
	}

	@Bean
	AvroDeserializer<MessageRequested> messageRequestedDeserializer(ConsumerFactory<?, ?> consumers) {
		AvroDeserializer<MessageRequested> deserializer = new AvroDeserializer<>();
		deserializer.configure(new HashMap<>(consumers.getConfigurationProperties()), false);
		return deserializer;
	}

	@Bean
	IntakeRetry intakeRetry(IntakeSettings settings) {
		return new IntakeRetry(settings.maxAttempts(), settings.retryBackoff());
	}

}
