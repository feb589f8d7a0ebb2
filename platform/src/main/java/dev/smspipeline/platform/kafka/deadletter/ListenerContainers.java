package dev.smspipeline.platform.kafka.deadletter;

import org.apache.kafka.common.errors.SerializationException;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Builds the listener containers of a service from each listener's {@link RetryPolicy}:
 * its defaults in code, with what {@code sms.kafka.retry.<listener>.*} configures over
 * them ({@link ListenerRetrySettings}). A failing record is retried in place (the
 * partition waits, later records are not delivered) as the policy says, then written by
 * the {@link DeadLetterPublisher}; a {@link RejectedRecordException}, an unreadable
 * record and the policy's non-retryable exceptions go at once. The record's offset is
 * committed after its dead letter is on the broker, so consumption goes on. Failures are
 * logged at WARN: a dead letter is the expected end of poison, and the listeners log what
 * they refuse.
 */
public class ListenerContainers {

	private final DeadLetterPublisher deadLetters;

	private final ListenerRetrySettings settings;

	public ListenerContainers(DeadLetterPublisher deadLetters, ListenerRetrySettings settings) {
		this.deadLetters = deadLetters;
		this.settings = settings;
	}

	/**
	 * The policy a listener runs with.
	 * @param listener the listener's name in {@code sms.kafka.retry.<listener>}
	 * @param defaults its policy when nothing is configured
	 * @return the defaults with the configured values over them
	 */
	public RetryPolicy policy(String listener, RetryPolicy defaults) {
		return defaults.with(this.settings.of(listener));
	}

	/**
	 * A container factory for a listener of single records.
	 * @param listener the listener's name in {@code sms.kafka.retry.<listener>}
	 * @param defaults its retry policy when nothing is configured
	 * @param consumers its consumers
	 * @param ackMode when offsets are committed
	 * @param <K> key type
	 * @param <V> value type
	 * @return the factory, to set concurrency and the like on
	 */
	public <K, V> ConcurrentKafkaListenerContainerFactory<K, V> records(String listener, RetryPolicy defaults,
			ConsumerFactory<? super K, ? super V> consumers, AckMode ackMode) {
		ConcurrentKafkaListenerContainerFactory<K, V> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumers);
		factory.getContainerProperties().setAckMode(ackMode);
		factory.setCommonErrorHandler(errorHandler(listener, defaults));
		return factory;
	}

	/**
	 * The error handler of a listener's container, for a factory built elsewhere (Boot's
	 * default one, or one a batch listener configures itself): retries as the policy
	 * says, then dead-letters; a batch listener's failed batch is retried as a whole, and
	 * a record that cannot be read is dead-lettered alone.
	 * @param listener the listener's name in {@code sms.kafka.retry.<listener>}
	 * @param defaults its retry policy when nothing is configured
	 * @return the error handler
	 */
	public DefaultErrorHandler errorHandler(String listener, RetryPolicy defaults) {
		RetryPolicy policy = policy(listener, defaults);
		DefaultErrorHandler handler = new DefaultErrorHandler(this.deadLetters.recoverer(), policy.backOff());
		handler.addNotRetryableExceptions(RejectedRecordException.class, SerializationException.class);
		policy.notRetryable().forEach(handler::addNotRetryableExceptions);
		handler.setLogLevel(KafkaException.Level.WARN);
		return handler;
	}

}
