package dev.smspipeline.platform.kafka;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Applies {@link KafkaTelemetry} to every Kafka bean of a service: templates, listener
 * container factories (and the consumer factories built into them), client factories.
 * Boot's own beans are left as Boot configured them, apart from what is missing.
 */
class KafkaTelemetryPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<KafkaTelemetry> telemetry;

	KafkaTelemetryPostProcessor(ObjectProvider<KafkaTelemetry> telemetry) {
		this.telemetry = telemetry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof KafkaTemplate<?, ?> template) {
			this.telemetry.getObject().observe(template);
			this.telemetry.getObject().instrument(template.getProducerFactory());
		}
		else if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
			this.telemetry.getObject().instrument(factory);
		}
		else if (bean instanceof ConsumerFactory<?, ?> consumers) {
			this.telemetry.getObject().instrument(consumers);
		}
		else if (bean instanceof ProducerFactory<?, ?> producers) {
			this.telemetry.getObject().instrument(producers);
		}
		return bean;
	}

}
