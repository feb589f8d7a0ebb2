package dev.smspipeline.status.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.smspipeline.events.MessageStatus;

/**
 * What the store measures, once its transaction committed (a batch rolled back and
 * retried is measured once):
 * <ul>
 * <li>{@code sms_messages_final_total{status, code}}: a text whose stored status became
 * final (DELIVERY_UNKNOWN or terminal) for the first time; a late DELIVERED after
 * DELIVERY_UNKNOWN is not counted again. {@code code} is the carrier's error code,
 * {@code none} without one.</li>
 * <li>{@code sms_submission_to_final_seconds{status}}: for the same texts, from the first
 * SUBMITTED or SENT event to the event that made them final (event times).</li>
 * <li>{@code sms_status_store_lag_seconds}: from an event's {@code occurredAt} to the
 * commit of the batch that stored it, for events stored for the first time (a replayed or
 * repeated event is not measured).</li>
 * </ul>
 * A rebuild of the store (truncate, replay) counts its texts again.
 */
@Component
class StoreMetrics {

	private final MeterRegistry meters;

	private final Clock clock;

	private final Timer storeLag;

	private final Map<String, Counter> finals = new ConcurrentHashMap<>();

	private final Map<MessageStatus, Timer> toFinal = new ConcurrentHashMap<>();

	StoreMetrics(MeterRegistry meters, Clock clock) {
		this.meters = meters;
		this.clock = clock;
		// Histogram buckets: management.metrics.distribution.slo.* in application.yml.
		this.storeLag = Timer.builder("sms.status.store.lag")
			.description("Time from a status event's occurredAt to the commit that stored it")
			.register(meters);
	}

	/**
	 * Measures a batch once the current transaction commits (at once without one).
	 * @param stored the occurredAt of each event stored for the first time
	 * @param finals the texts whose status became final for the first time
	 */
	void afterCommit(List<Instant> stored, List<MessageState> finals) {
		if (stored.isEmpty() && finals.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			record(stored, finals);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				record(stored, finals);
			}
		});
	}

	private void record(List<Instant> stored, List<MessageState> finals) {
		Instant now = this.clock.instant();
		for (Instant occurredAt : stored) {
			this.storeLag.record(Duration.between(occurredAt, now));
		}
		for (MessageState state : finals) {
			String code = (state.carrierErrorCode() != null) ? state.carrierErrorCode() : "none";
			this.finals
				.computeIfAbsent(state.status().name() + "|" + code,
						(key) -> Counter.builder("sms.messages.final")
							.description("Texts whose stored status became final, once per text")
							.tag("status", state.status().name())
							.tag("code", code)
							.register(this.meters))
				.increment();
			if (state.submittedAt() != null) {
				this.toFinal
					.computeIfAbsent(state.status(),
							(status) -> Timer.builder("sms.submission.to.final")
								.description("Time from a text's first SUBMITTED or SENT event to its final status")
								.tag("status", status.name())
								.register(this.meters))
					.record(Duration.between(state.submittedAt(), state.updatedAt()));
			}
		}
	}

}
