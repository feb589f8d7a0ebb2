package dev.smspipeline.dispatch.submission;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.schemas.OptOutKey;
import dev.smspipeline.schemas.Topics;

/**
 * Sends dispatch's events on the idempotent (not transactional) producer, and tells when
 * the broker has them: status events to {@code sms.delivery-status} keyed by message id,
 * and the opt-outs a carrier reports (21610) to the compacted {@code sms.opt-outs} keyed
 * {@code accountId:recipient}.
 *
 * <p>
 * A send that fails after the producer's own retries ({@code delivery.timeout.ms}) is
 * sent again, with a growing pause, until the broker takes it: every event has a
 * deterministic event id, so a repeat is the same event to every reader. The returned
 * future completes once the broker acknowledged every event, and the record the events
 * belong to is marked finished (its offset may be committed) only then.
 */
class EventPublisher {

	private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

	private static final Duration FIRST_RETRY = Duration.ofMillis(500);

	private static final Duration LAST_RETRY = Duration.ofSeconds(30);

	private final KafkaTemplate<String, SpecificRecord> kafka;

	private final ScheduledExecutorService retries;

	EventPublisher(KafkaTemplate<String, SpecificRecord> kafka, ScheduledExecutorService retries) {
		this.kafka = kafka;
		this.retries = retries;
	}

	/**
	 * Sends the events, in order.
	 * @param statuses the events
	 * @return completes when the broker has all of them
	 */
	CompletableFuture<Void> publish(List<DeliveryStatus> statuses) {
		if (statuses.size() == 1) {
			return publish(statuses.get(0));
		}
		return CompletableFuture.allOf(statuses.stream().map(this::publish).toArray(CompletableFuture[]::new));
	}

	CompletableFuture<Void> publish(DeliveryStatus status) {
		return publish(Topics.DELIVERY_STATUS, status.getMessageId(), status, status.getEventId());
	}

	/**
	 * Sends an opt-out change.
	 * @param change the change
	 * @return completes when the broker has it
	 */
	CompletableFuture<Void> publish(OptOutChange change) {
		return publish(Topics.OPT_OUTS, OptOutKey.of(change.getAccountId(), change.getRecipient()), change,
				change.getEventId());
	}

	private CompletableFuture<Void> publish(String topic, String key, SpecificRecord event, String eventId) {
		CompletableFuture<Void> acknowledged = new CompletableFuture<>();
		send(new Outgoing(topic, key, event, eventId), acknowledged, FIRST_RETRY);
		return acknowledged;
	}

	private void send(Outgoing event, CompletableFuture<Void> acknowledged, Duration nextPause) {
		CompletableFuture<?> sent;
		try {
			sent = this.kafka.send(event.topic(), event.key(), event.value());
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		sent.whenComplete((result, failure) -> {
			if (failure == null) {
				acknowledged.complete(null);
				return;
			}
			log.warn("Event {} not published to {} ({}); sending it again in {}", event.eventId(), event.topic(),
					failure.toString(), nextPause);
			Duration after = nextPause.multipliedBy(2);
			this.retries.schedule(
					() -> send(event, acknowledged, (after.compareTo(LAST_RETRY) > 0) ? LAST_RETRY : after),
					nextPause.toMillis(), TimeUnit.MILLISECONDS);
		});
	}

	private record Outgoing(String topic, String key, SpecificRecord value, String eventId) {
	}

}
