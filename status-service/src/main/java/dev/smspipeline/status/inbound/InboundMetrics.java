package dev.smspipeline.status.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code sms_inbound_messages_total}: every inbound message by what became of it
 * ({@code outcome} = opt_out, opt_in, help, ignored, unattributed, unavailable), and
 * {@code sms_inbound_unattributed_total}: STOP or START replies that no account could be
 * found for (no text went to the lead from that number and the number has no
 * {@code sms.inbound.sender-accounts} entry) when they came; they are kept and tried
 * again. {@code sms_inbound_replies_pending} and
 * {@code sms_inbound_replies_pending_oldest_seconds} (refreshed every
 * {@code sms.inbound.retry-interval}) say how many are still waiting for an account and
 * for how long: alert on the age, a lead's opt-out is not honoured yet.
 */
@Component
class InboundMetrics {

	private final MeterRegistry registry;

	private final Counter unattributed;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong pendingOldestSeconds = new AtomicLong();

	InboundMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("sms.inbound.replies.pending", this.pending, AtomicLong::get)
			.description("STOP/START replies kept until an account owns the number they went to")
			.register(registry);
		Gauge.builder("sms.inbound.replies.pending.oldest", this.pendingOldestSeconds, AtomicLong::get)
			.description("Age of the oldest STOP/START reply not applied yet")
			.baseUnit("seconds")
			.register(registry);
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

	void pending(InboundReplies.Pending pending, Instant now) {
		this.pending.set(pending.count());
		this.pendingOldestSeconds
			.set((pending.oldest() != null) ? Math.max(0, Duration.between(pending.oldest(), now).toSeconds()) : 0);
	}

	void unattributed() {
		this.unattributed.increment();
		received("unattributed");
	}

}
