package dev.smspipeline.platform.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.support.LoggingProducerListener;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTelemetryTests {

	private final KafkaTelemetry telemetry = new KafkaTelemetry(new SimpleMeterRegistry(), ObservationRegistry.create(),
			new LoggingProducerListener<>(), true, true);

	@Test
	void observesEachRecordOfABatchListener() {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setBatchListener(true);

		this.telemetry.instrument(factory);

		assertThat(factory.getContainerProperties().isObservationEnabled()).isTrue();
		assertThat(factory.getContainerProperties().isRecordObservationsInBatch()).isTrue();
	}

	@Test
	void leavesAFactoryMarkedUnobservedWithoutObservations() {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setBatchListener(true);

		this.telemetry.instrument(KafkaTelemetry.unobserved(factory));

		assertThat(factory.getContainerProperties().isObservationEnabled()).isFalse();
		assertThat(factory.getContainerProperties().isRecordObservationsInBatch()).isFalse();
	}

}
