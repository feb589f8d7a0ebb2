package dev.smspipeline.status.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.schemas.OptOutKey;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.status.callback.CallbackSettings;

/**
 * Publishes opt-out changes to the compacted {@code sms.opt-outs}, keyed
 * {@code accountId:recipient}, with the same idempotent acks=all producer as the status
 * callbacks, and returns only once the broker acknowledged every one of them. When it
 * does not in {@code sms.callbacks.publish-timeout} the caller gets 503; a repeat of the
 * same reply carries the same event ids, and the topic keeps only the latest change per
 * key.
 */
@Component
class OptOutPublisher {

	private static final Logger log = LoggerFactory.getLogger(OptOutPublisher.class);

	private final KafkaTemplate<String, SpecificRecord> kafka;

	private final CallbackSettings settings;

	OptOutPublisher(KafkaTemplate<String, SpecificRecord> kafka, CallbackSettings settings) {
		this.kafka = kafka;
		this.settings = settings;
	}

	static String key(OptOutChange change) {
		return OptOutKey.of(change.getAccountId(), change.getRecipient());
	}

	void publish(List<OptOutChange> changes) {
		List<CompletableFuture<?>> sends = new ArrayList<>(changes.size());
		try {
			for (OptOutChange change : changes) {
				sends.add(this.kafka.send(Topics.OPT_OUTS, key(change), change));
			}
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable(changes, ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			throw unavailable(changes, ex);
		}
	}

	private static ErrorResponseException unavailable(List<OptOutChange> changes, Exception ex) {
		log.warn("Could not publish opt-out changes {}: {}", changes.stream().map(OptOutChange::getEventId).toList(),
				ex.toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The reply could not be recorded right now; retry later.");
		return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, ex);
	}

}
