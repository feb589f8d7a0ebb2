package dev.smspipeline.platform.kafka.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;

import dev.smspipeline.platform.kafka.KafkaTelemetryAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerContainersTests {

	private static final RetryPolicy DEFAULTS = RetryPolicy.exponential(Duration.ofMillis(500), Duration.ofSeconds(30));

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(KafkaTelemetryAutoConfiguration.class, DeadLetterAutoConfiguration.class))
		.withBean(ProducerFactory.class, ListenerContainersTests::producers);

	@Test
	void aListenerWithoutConfigurationRunsWithItsDefaults() {
		this.contexts
			.run((context) -> assertThat(context.getBean(ListenerContainers.class).policy("opt-outs", DEFAULTS))
				.isEqualTo(DEFAULTS));
	}

	@Test
	void aListenersConfigurationReplacesItsDefaults() {
		this.contexts
			.withPropertyValues("sms.kafka.retry.opt-outs.max-interval=5s", "sms.kafka.retry.opt-outs.max-retries=3",
					"sms.kafka.retry.opt-outs.not-retryable=java.lang.IllegalStateException",
					"sms.kafka.retry.campaign-events.max-retries=9")
			.run((context) -> assertThat(context.getBean(ListenerContainers.class).policy("opt-outs", DEFAULTS))
				.isEqualTo(new RetryPolicy(Duration.ofMillis(500), 2.0, Duration.ofSeconds(5), 3, null,
						List.of(IllegalStateException.class))));
	}

	@Test
	void refusesToStartWithAnInvalidPolicy() {
		this.contexts.withPropertyValues("sms.kafka.retry.opt-outs.multiplier=0.5")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void aRecordListenersContainerCommitsAsAsked() {
		this.contexts.run((context) -> {
			ConcurrentKafkaListenerContainerFactory<String, String> factory = context.getBean(ListenerContainers.class)
				.records("opt-outs", DEFAULTS, new DefaultKafkaConsumerFactory<>(Map.of()), AckMode.RECORD);
			assertThat(factory.getContainerProperties().getAckMode()).isEqualTo(AckMode.RECORD);
		});
	}

	@Test
	void rejectedUnreadableAndThePolicysExceptionsAreNotRetried() {
		this.contexts.run((context) -> {
			DefaultErrorHandler handler = context.getBean(ListenerContainers.class)
				.errorHandler("consent", DEFAULTS.notRetrying(IllegalArgumentException.class));
			assertThat(handler.removeClassification(RejectedRecordException.class)).isFalse();
			assertThat(handler.removeClassification(SerializationException.class)).isFalse();
			assertThat(handler.removeClassification(IllegalArgumentException.class)).isFalse();
			assertThat(handler.removeClassification(IllegalStateException.class)).isNull();
		});
	}

	private static ProducerFactory<Object, Object> producers() {
		return new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

}
