package dev.smspipeline.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.ClassUtils;

import dev.smspipeline.schemas.DeadLetterHeaders;

/**
 * {@code sms_dead_letter_records_total{topic, reason}}: records written to a dead-letter
 * topic, by the DLT's name and a bounded reason: {@link Reason#DESERIALIZATION},
 * {@link Reason#VALIDATION} or {@link Reason#PROCESSING}. Counted when the broker
 * acknowledged the dead letter, from the exception class headers Spring Kafka's
 * {@code DeadLetterPublishingRecoverer} writes, so every DLT path that goes through a
 * template with the platform's producer listener is counted, whoever built the recoverer.
 */
public class DeadLetterMetrics {

	/** The counter's name. */
	public static final String NAME = "sms.dead.letter.records";

	private final MeterRegistry meters;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Reason> reasons = new ConcurrentHashMap<>();

	public DeadLetterMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Counts one dead letter.
	 * @param deadLetterTopic the DLT it went to
	 * @param reason why
	 */
	public void count(String deadLetterTopic, Reason reason) {
		this.counters
			.computeIfAbsent(deadLetterTopic + "|" + reason.name(),
					(key) -> Counter.builder(NAME)
						.description("Records sent to a dead-letter topic, by topic and reason")
						.tag("topic", deadLetterTopic)
						.tag("reason", reason.name())
						.register(this.meters))
			.increment();
	}

	/**
	 * Counts one dead letter by the exception headers it carries.
	 * @param deadLetterTopic the DLT it went to
	 * @param headers its headers
	 */
	public void count(String deadLetterTopic, Headers headers) {
		count(deadLetterTopic, reasonOf(headers));
	}

	/**
	 * The reason of a dead letter, from its {@value DeadLetterHeaders#REASON} code when
	 * that tells: {@value DeadLetterHeaders#UNREADABLE} is
	 * {@link Reason#DESERIALIZATION}, a listener's rejection code
	 * {@link Reason#VALIDATION}; else (no code, or
	 * {@value DeadLetterHeaders#PROCESSING_FAILED}) from Spring Kafka's
	 * {@code kafka_dlt-exception-fqcn} and {@code kafka_dlt-exception-cause-fqcn}
	 * headers.
	 * @param headers the dead letter's headers
	 * @return the reason; {@link Reason#PROCESSING} when the headers tell nothing
	 */
	public Reason reasonOf(Headers headers) {
		Header code = headers.lastHeader(DeadLetterHeaders.REASON);
		if (code != null && code.value() != null) {
			String given = new String(code.value(), StandardCharsets.UTF_8);
			if (DeadLetterHeaders.UNREADABLE.equals(given)) {
				return Reason.DESERIALIZATION;
			}
			if (!DeadLetterHeaders.PROCESSING_FAILED.equals(given)) {
				return Reason.VALIDATION;
			}
		}
		Reason reason = Reason.PROCESSING;
		for (String name : new String[] { KafkaHeaders.DLT_EXCEPTION_FQCN, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN }) {
			Header header = headers.lastHeader(name);
			if (header != null && header.value() != null) {
				reason = Reason.worse(reason,
						this.reasons.computeIfAbsent(new String(header.value()), Reason::ofClass));
			}
		}
		return reason;
	}

	/** Why a record was dead-lettered. */
	public enum Reason {

		/** Its value (or key) could not be read. */
		DESERIALIZATION,

		/** It was read but can never be processed ({@link InvalidRecord}). */
		VALIDATION,

		/** Processing it kept failing until the retries gave up. */
		PROCESSING;

		private static final String[] UNREADABLE = {
				"org.springframework.kafka.support.serializer.DeserializationException",
				"org.apache.kafka.common.errors.SerializationException",
				"org.springframework.messaging.converter.MessageConversionException" };

		private static final String[] INVALID = { InvalidRecord.class.getName(),
				IllegalArgumentException.class.getName(),
				"org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException",
				"jakarta.validation.ValidationException" };

		/**
		 * The reason of one exception.
		 * @param failure the exception (its causes are looked at too)
		 * @return the reason
		 */
		public static Reason of(Throwable failure) {
			Reason reason = PROCESSING;
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				reason = worse(reason, ofClass(cause.getClass().getName()));
				if (cause.getCause() == cause) {
					break;
				}
			}
			return reason;
		}

		static Reason ofClass(String className) {
			Class<?> type;
			try {
				type = ClassUtils.forName(className, Reason.class.getClassLoader());
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return PROCESSING;
			}
			if (isAny(type, UNREADABLE)) {
				return DESERIALIZATION;
			}
			return isAny(type, INVALID) ? VALIDATION : PROCESSING;
		}

		private static boolean isAny(Class<?> type, String[] names) {
			for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
				for (String name : names) {
					if (candidate.getName().equals(name)) {
						return true;
					}
				}
				for (Class<?> marker : candidate.getInterfaces()) {
					for (String name : names) {
						if (marker.getName().equals(name)) {
							return true;
						}
					}
				}
			}
			return false;
		}

		/** Deserialization over validation over processing. */
		static Reason worse(Reason a, Reason b) {
			return (a.ordinal() <= b.ordinal()) ? a : b;
		}

	}

}
