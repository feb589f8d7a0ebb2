package dev.smspipeline.status.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes what a job decided, all of a round's records at once, and returns only when
 * the broker acknowledged every one (acks=all, idempotent producer). Not transactional: a
 * job runs inside a database transaction that commits only after this returned, and every
 * record has a deterministic event id, so a record published twice (the database commit
 * failed after the broker took it) is the same event and harmless to every consumer.
 */
@Component
class Publisher {

	private final KafkaTemplate<String, SpecificRecord> kafka;

	private final LifecycleSettings settings;

	Publisher(KafkaTemplate<String, SpecificRecord> kafka, LifecycleSettings settings) {
		this.kafka = kafka;
		this.settings = settings;
	}

	/** Sends every record, then waits for all acknowledgements; throws if any failed. */
	void publishAll(String topic, List<Keyed> records) {
		List<CompletableFuture<SendResult<String, SpecificRecord>>> sends = new ArrayList<>(records.size());
		for (Keyed record : records) {
			sends.add(this.kafka.send(topic, record.key(), record.value()));
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing to " + topic, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not publish to " + topic + ": " + ex, ex);
		}
	}

	/**
	 * One record to publish.
	 *
	 * @param key its key
	 * @param value its value
	 */
	record Keyed(String key, SpecificRecord value) {
	}

}
