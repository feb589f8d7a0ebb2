package dev.smspipeline.campaign.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.EventIds;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;

/**
 * What dispatch says about each text campaign-service releases, as the real one says it:
 * a SUBMITTED {@code DeliveryStatus} (source DISPATCH) on {@code sms.delivery-status} for
 * every campaign text read from {@code sms.message-requested}. Campaigns in this module's
 * tests run without dispatch-service; with this they settle, and reach SENT, as they do
 * in the whole pipeline.
 */
@TestComponent
public class DispatchStandIn {

	private final KafkaTemplate<String, Object> kafka;

	private final List<MessageRequested> held = new ArrayList<>();

	private boolean holding;

	DispatchStandIn(KafkaTemplate<String, Object> kafka) {
		this.kafka = kafka;
	}

	@KafkaListener(id = "dispatch-stand-in", groupId = "dispatch-stand-in", topics = Topics.MESSAGE_REQUESTED,
			batch = "true", properties = AvroSerdeConfig.VALUE_TYPE + "=dev.smspipeline.events.MessageRequested")
	void onRequests(List<ConsumerRecord<String, Object>> records) {
		List<MessageRequested> campaignTexts = records.stream()
			.map(ConsumerRecord::value)
			.filter(MessageRequested.class::isInstance)
			.map(MessageRequested.class::cast)
			.filter((request) -> request.getCampaignId() != null)
			.toList();
		synchronized (this) {
			if (this.holding) {
				this.held.addAll(campaignTexts);
				return;
			}
		}
		submit(campaignTexts);
	}

	/**
	 * From now on, keeps the texts it reads, as a dispatch that is slow or down would.
	 */
	public synchronized void hold() {
		this.holding = true;
	}

	/** Reports the texts it kept submitted, and every text from now on. */
	public void resume() {
		List<MessageRequested> kept;
		synchronized (this) {
			this.holding = false;
			kept = List.copyOf(this.held);
			this.held.clear();
		}
		submit(kept);
	}

	private void submit(List<MessageRequested> campaignTexts) {
		if (campaignTexts.isEmpty()) {
			return;
		}
		this.kafka.executeInTransaction((operations) -> {
			campaignTexts.forEach((request) -> operations
				.send(new ProducerRecord<>(Topics.DELIVERY_STATUS, request.getMessageId(), submitted(request))));
			return null;
		});
	}

	private static DeliveryStatus submitted(MessageRequested request) {
		return DeliveryStatus.newBuilder()
			.setEventId(EventIds.textStatus(request.getMessageId(), MessageStatus.SUBMITTED))
			.setMessageId(request.getMessageId())
			.setAccountId(request.getAccountId())
			.setCampaignId(request.getCampaignId())
			.setRecipient(request.getRecipient())
			.setSender(request.getSender())
			.setStatus(MessageStatus.SUBMITTED)
			.setOccurredAt(Instant.now())
			.setSource(StatusSource.DISPATCH)
			.setSegments(request.getSegments())
			.setAttributes(Map.of())
			.build();
	}

}
