package dev.smspipeline.status.callback;

import java.time.Clock;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.events.MessageStatus;

/**
 * {@code POST /webhooks/carrier/status}: the carrier's status callback, already proved
 * genuine by {@link CarrierSignatureFilter}. A status we track is published and answered
 * 204 once the broker holds it; one we do not track is answered 204 and dropped; one that
 * cannot be attributed to a text answers 400.
 */
@RestController
class CarrierCallbackController {

	private final CallbackPublisher publisher;

	private final CallbackMetrics metrics;

	private final Clock clock;

	CarrierCallbackController(CallbackPublisher publisher, CallbackMetrics metrics, Clock clock) {
		this.publisher = publisher;
		this.metrics = metrics;
		this.clock = clock;
	}

	@PostMapping(path = "/webhooks/carrier/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Void> status(@RequestParam MultiValueMap<String, String> params) {
		CarrierCallback callback;
		try {
			callback = CarrierCallback.from(params);
		}
		catch (ErrorResponseException ex) {
			this.metrics.invalid();
			throw ex;
		}
		Optional<MessageStatus> status = CarrierStatuses.map(callback.carrierStatus());
		if (status.isEmpty()) {
			this.metrics.ignored();
			return ResponseEntity.noContent().build();
		}
		try {
			this.publisher.publish(callback.toEvent(status.get(), this.clock.instant()));
		}
		catch (ErrorResponseException ex) {
			this.metrics.unavailable();
			throw ex;
		}
		this.metrics.published(status.get());
		return ResponseEntity.noContent().build();
	}

}
