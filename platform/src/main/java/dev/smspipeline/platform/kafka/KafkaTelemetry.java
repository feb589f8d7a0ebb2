package dev.smspipeline.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.producer.Producer;

import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.micrometer.KafkaListenerObservationConvention;

/**
 * Makes every Kafka client of a service observable, as Boot does for its own template,
 * container factory and client factories:
 * <ul>
 * <li>client metrics ({@code kafka_consumer_fetch_manager_records_lag} per topic and
 * partition, producer send rates, …) through Spring Kafka's
 * {@link MicrometerConsumerListener} / {@link MicrometerProducerListener}, or
 * {@link KafkaClientMetrics} for a raw client;</li>
 * <li>observations on templates and listener containers, which carry the W3C trace
 * context in record headers (a batch listener gets one consumer span per record);</li>
 * <li>the platform's producer listener on templates: dead letters counted, failed sends
 * logged without their contents.</li>
 * </ul>
 * Beans are instrumented by the platform on their own; a service calls this for the
 * clients it builds inside other beans.
 */
public class KafkaTelemetry {

	/**
	 * Marks a container factory whose records need no span each ({@link #unobserved}).
	 */
	private static final KafkaListenerObservationConvention UNOBSERVED = new KafkaListenerObservationConvention() {
	};

	private final MeterRegistry meters;

	private final ObservationRegistry observations;

	private final ProducerListener<Object, Object> producerListener;

	private final boolean templateObservations;

	private final boolean listenerObservations;

	KafkaTelemetry(MeterRegistry meters, ObservationRegistry observations,
			ProducerListener<Object, Object> producerListener, boolean templateObservations,
			boolean listenerObservations) {
		this.meters = meters;
		this.observations = observations;
		this.producerListener = producerListener;
		this.templateObservations = templateObservations;
		this.listenerObservations = listenerObservations;
	}

	/**
	 * Observation, producer listener and client metrics for a template the service built
	 * itself.
	 * @param template the template
	 * @param <K> key type
	 * @param <V> value type
	 * @return the template
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public <K, V> KafkaTemplate<K, V> instrument(KafkaTemplate<K, V> template) {
		observe(template);
		template.setProducerListener((ProducerListener) this.producerListener);
		instrument(template.getProducerFactory());
		return template;
	}

	/** Observation for a template bean (Boot's producer listener is already on it). */
	void observe(KafkaTemplate<?, ?> template) {
		if (this.templateObservations) {
			template.setObservationEnabled(true);
			template.setObservationRegistry(this.observations);
		}
	}

	/**
	 * Client metrics for the producers of a factory, unless it has them already.
	 * @param factory the factory
	 * @param <K> key type
	 * @param <V> value type
	 * @return the factory
	 */
	public <K, V> ProducerFactory<K, V> instrument(ProducerFactory<K, V> factory) {
		if (factory instanceof DefaultKafkaProducerFactory<K, V> producers
				&& producers.getListeners().stream().noneMatch(MicrometerProducerListener.class::isInstance)) {
			producers.addListener(new MicrometerProducerListener<>(this.meters));
		}
		return factory;
	}

	/**
	 * Client metrics for the consumers of a factory, unless it has them already.
	 * @param factory the factory
	 * @param <K> key type
	 * @param <V> value type
	 * @return the factory
	 */
	public <K, V> ConsumerFactory<K, V> instrument(ConsumerFactory<K, V> factory) {
		if (factory instanceof DefaultKafkaConsumerFactory<K, V> consumers
				&& consumers.getListeners().stream().noneMatch(MicrometerConsumerListener.class::isInstance)) {
			consumers.addListener(new MicrometerConsumerListener<>(this.meters));
		}
		return factory;
	}

	/**
	 * Observations for the containers of a listener container factory (one consumer span
	 * per record, also in a batch), and client metrics for its consumer factory.
	 * @param factory the factory
	 */
	public void instrument(AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
		if (this.listenerObservations && factory.getContainerProperties().getObservationConvention() != UNOBSERVED) {
			factory.getContainerProperties().setObservationEnabled(true);
			factory.getContainerProperties().setObservationRegistry(this.observations);
			if (Boolean.TRUE.equals(factory.isBatchListener())) {
				factory.getContainerProperties().setRecordObservationsInBatch(true);
			}
		}
		if (factory.getConsumerFactory() != null) {
			instrument(factory.getConsumerFactory());
		}
	}

	/**
	 * Leaves the records of a listener container factory without observations (no span,
	 * no timer per record; client metrics stay): for a listener that only reads a signal
	 * out of a high-volume topic, where a span per record would cost more than the work
	 * and continue no trace anyone follows.
	 * @param factory the factory, before the platform instruments it
	 * @param <F> the factory's type
	 * @return the factory
	 */
	public static <F extends AbstractKafkaListenerContainerFactory<?, ?, ?>> F unobserved(F factory) {
		factory.getContainerProperties().setObservationEnabled(false);
		factory.getContainerProperties().setObservationConvention(UNOBSERVED);
		return factory;
	}

	/**
	 * Client metrics for a producer built without a factory, until the returned handle is
	 * closed (close it with the producer).
	 * @param producer the producer
	 * @return closes the metrics
	 */
	public AutoCloseable bind(Producer<?, ?> producer) {
		KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
		metrics.bindTo(this.meters);
		return metrics;
	}

}
