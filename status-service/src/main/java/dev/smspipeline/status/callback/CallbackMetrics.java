package dev.smspipeline.status.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.smspipeline.events.MessageStatus;

/**
 * {@code sms_callbacks_total}: every carrier callback by what became of it
 * ({@code outcome} = published, ignored, forbidden, invalid, unavailable) and, when
 * published, the status it became. A rise in {@code forbidden} usually means the auth
 * token here and at the carrier differ.
 */
@Component
class CallbackMetrics {

	private static final String NAME = "sms.callbacks";

	private final MeterRegistry registry;

	CallbackMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void published(MessageStatus status) {
		counter("published", status.name()).increment();
	}

	void ignored() {
		counter("ignored", "none").increment();
	}

	void forbidden() {
		counter("forbidden", "none").increment();
	}

	void invalid() {
		counter("invalid", "none").increment();
	}

	void unavailable() {
		counter("unavailable", "none").increment();
	}

	private Counter counter(String outcome, String status) {
		return Counter.builder(NAME)
			.description("Carrier status callbacks received")
			.tag("outcome", outcome)
			.tag("status", status)
			.register(this.registry);
	}

}
