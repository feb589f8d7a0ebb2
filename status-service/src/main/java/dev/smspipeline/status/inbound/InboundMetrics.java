package dev.smspipeline.status.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code sms_inbound_messages_total}: every inbound message by what became of it
 * ({@code outcome} = opt_out, opt_in, help, ignored, unattributed, unavailable), and
 * {@code sms_inbound_unattributed_total}: STOP or START replies that no account could be
 * found for (no text went to the lead from that number and the number has no
 * {@code sms.inbound.sender-accounts} entry), which therefore changed nothing. Alert on
 * the latter: a lead's opt-out went unrecorded.
 */
@Component
class InboundMetrics {

	private final MeterRegistry registry;

	private final Counter unattributed;

	InboundMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.unattributed = Counter.builder("sms.inbound.unattributed")
			.description("STOP/START replies that could not be attributed to an account")
			.register(registry);
	}

	void received(String outcome) {
		Counter.builder("sms.inbound.messages")
			.description("Inbound carrier messages received")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	void unattributed() {
		this.unattributed.increment();
		received("unattributed");
	}

}
