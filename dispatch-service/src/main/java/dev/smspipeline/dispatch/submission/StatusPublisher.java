package dev.smspipeline.dispatch.submission;

import org.apache.avro.specific.SpecificRecord;

import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.schemas.Topics;

/**
 * Sends status events to {@code sms.delivery-status}, keyed by message id. The template
 * is transactional: called from the listener, the records join the listener's transaction
 * and become visible together with the consumed offset, or not at all.
 */
class StatusPublisher {

	private final KafkaTemplate<String, SpecificRecord> kafka;

	StatusPublisher(KafkaTemplate<String, SpecificRecord> kafka) {
		this.kafka = kafka;
	}

	void publish(DeliveryStatus status) {
		this.kafka.send(Topics.DELIVERY_STATUS, status.getMessageId(), status);
	}

}
