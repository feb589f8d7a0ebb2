package dev.smspipeline.platform.kafka.deadletter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import dev.smspipeline.platform.kafka.KafkaTelemetry;

/**
 * The dead-letter capability every service shares: one {@link DeadLetterPublisher} from
 * Boot's producer factory, and {@link ListenerContainers} with the configured
 * {@link ListenerRetrySettings}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(ProducerFactory.class)
@EnableConfigurationProperties(ListenerRetrySettings.class)
public class DeadLetterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DeadLetterPublisher deadLetterPublisher(ProducerFactory<?, ?> producers, KafkaTelemetry telemetry) {
		return new DeadLetterPublisher(producers, telemetry);
	}

	@Bean
	@ConditionalOnMissingBean
	ListenerContainers listenerContainers(DeadLetterPublisher deadLetters, ListenerRetrySettings settings) {
		return new ListenerContainers(deadLetters, settings);
	}

}
