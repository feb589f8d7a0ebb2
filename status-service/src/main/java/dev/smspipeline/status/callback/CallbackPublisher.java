package dev.smspipeline.status.callback;

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

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.schemas.Topics;

/**
 * Publishes a callback's status event to {@code sms.delivery-status}, keyed by message id
 * so every status of one text stays in order on one partition, and returns only once the
 * broker acknowledged it (acks=all, idempotent producer). When the broker does not answer
 * in time the caller gets 503 and the carrier retries; the retry is the same event id, so
 * publishing twice is harmless.
 */
@Component
class CallbackPublisher {

	private static final Logger log = LoggerFactory.getLogger(CallbackPublisher.class);

	private final KafkaTemplate<String, SpecificRecord> kafka;

	private final CallbackSettings settings;

	CallbackPublisher(KafkaTemplate<String, SpecificRecord> kafka, CallbackSettings settings) {
		this.kafka = kafka;
		this.settings = settings;
	}

	void publish(DeliveryStatus status) {
		try {
			this.kafka.send(Topics.DELIVERY_STATUS, status.getMessageId(), status)
				.get(this.settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable(status, ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			throw unavailable(status, ex);
		}
	}

	private static ErrorResponseException unavailable(DeliveryStatus status, Exception ex) {
		log.warn("Could not publish status event {} of message {}: {}", status.getEventId(), status.getMessageId(),
				ex.toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The status could not be recorded right now; retry later.");
		return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, ex);
	}

}
