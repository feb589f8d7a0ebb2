package dev.smspipeline.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * Kafka observability every service shares: {@link DeadLetterMetrics}, the
 * {@link DeadLetterCountingProducerListener} as the {@code ProducerListener} of Boot's
 * template (before Boot's logging one), and {@link KafkaTelemetry} on every Kafka bean.
 * Observations follow {@code spring.kafka.template.observation-enabled} and
 * {@code spring.kafka.listener.observation-enabled} (on by the platform's defaults).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
public class KafkaTelemetryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DeadLetterMetrics deadLetterMetrics(ObjectProvider<MeterRegistry> meters) {
		return new DeadLetterMetrics(meters.getIfUnique(() -> Metrics.globalRegistry));
	}

	@Bean
	@ConditionalOnMissingBean(ProducerListener.class)
	DeadLetterCountingProducerListener kafkaProducerListener(DeadLetterMetrics deadLetters) {
		return new DeadLetterCountingProducerListener(deadLetters);
	}

	@Bean
	KafkaTelemetry kafkaTelemetry(ObjectProvider<MeterRegistry> meters,
			ObjectProvider<ObservationRegistry> observations, ProducerListener<Object, Object> producerListener,
			Environment environment) {
		return new KafkaTelemetry(meters.getIfUnique(() -> Metrics.globalRegistry),
				observations.getIfUnique(() -> ObservationRegistry.NOOP), producerListener,
				environment.getProperty("spring.kafka.template.observation-enabled", Boolean.class, true),
				environment.getProperty("spring.kafka.listener.observation-enabled", Boolean.class, true));
	}

	@Bean
	static KafkaTelemetryPostProcessor kafkaTelemetryPostProcessor(ObjectProvider<KafkaTelemetry> telemetry) {
		return new KafkaTelemetryPostProcessor(telemetry);
	}

}
