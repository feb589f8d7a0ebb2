package dev.smspipeline.campaign.message;

import org.apache.avro.specific.SpecificRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.schemas.Topics;

/**
 * Writes a text's request and its first status in one Kafka transaction, so dispatch
 * never sees a request the status stream does not know, and a failed write leaves
 * neither. Returns only after the broker committed: a 202 means the text is durable.
 */
@Component
class MessagePublisher {

	private final KafkaTemplate<String, SpecificRecord> kafka;

	MessagePublisher(KafkaTemplate<String, SpecificRecord> kafka) {
		this.kafka = kafka;
	}

	void publishRequested(MessageRequested request, DeliveryStatus requested) {
		this.kafka.executeInTransaction((operations) -> {
			operations.send(Topics.MESSAGE_REQUESTED, request.getRecipient(), request);
			operations.send(Topics.DELIVERY_STATUS, requested.getMessageId(), requested);
			return null;
		});
	}

	void publishRejected(DeliveryStatus rejected) {
		this.kafka.executeInTransaction(
				(operations) -> operations.send(Topics.DELIVERY_STATUS, rejected.getMessageId(), rejected));
	}

}
