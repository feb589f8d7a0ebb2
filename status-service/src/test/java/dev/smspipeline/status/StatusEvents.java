package dev.smspipeline.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;

import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.http.ApiClient;

/**
 * Status and campaign events as the other services publish them, for tests that need
 * exact statuses, reasons and times.
 */
public final class StatusEvents {

	private final KafkaTemplate<String, SpecificRecord> kafka;

	public StatusEvents(KafkaTemplate<String, SpecificRecord> kafka) {
		this.kafka = kafka;
	}

	/** A status event of {@code accountId}'s text {@code messageId}, to fill in. */
	public static DeliveryStatus.Builder status(String accountId, String messageId, MessageStatus status) {
		return DeliveryStatus.newBuilder()
			.setEventId(messageId + ":" + status.name())
			.setMessageId(messageId)
			.setAccountId(accountId)
			.setStatus(status)
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setSource(sourceOf(status))
			.setAttributes(Map.of());
	}

	/** Publishes {@code events} in order and waits for the broker to hold them. */
	public void publish(DeliveryStatus.Builder... events) {
		for (DeliveryStatus.Builder event : events) {
			DeliveryStatus built = event.build();
			this.kafka.send(Topics.DELIVERY_STATUS, built.getMessageId(), built).join();
		}
	}

	/**
	 * Publishes campaign-service's announcement that it released all {@code total} texts
	 * of the campaign (STATUS_CHANGED to SENT with {@code counts.total}).
	 */
	public void announceReleased(String accountId, String campaignId, long total) {
		CampaignEvent event = CampaignEvent.newBuilder()
			.setEventId(campaignId + ":SENT")
			.setCampaignId(campaignId)
			.setAccountId(accountId)
			.setType(CampaignEventType.STATUS_CHANGED)
			.setStatus(CampaignStatus.SENT)
			.setPreviousStatus(CampaignStatus.SENDING)
			.setCounts(Map.of("total", total))
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.build();
		this.kafka.send(Topics.CAMPAIGN_EVENTS, campaignId, event).join();
	}

	/** Publishes campaign-service's STATUS_CHANGED to FAILED with its reason. */
	public void announceFailed(String accountId, String campaignId, String reason) {
		CampaignEvent event = CampaignEvent.newBuilder()
			.setEventId(campaignId + ":FAILED")
			.setCampaignId(campaignId)
			.setAccountId(accountId)
			.setType(CampaignEventType.STATUS_CHANGED)
			.setStatus(CampaignStatus.FAILED)
			.setPreviousStatus(CampaignStatus.PROCESSING)
			.setReason(reason)
			.setCounts(Map.of())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.build();
		this.kafka.send(Topics.CAMPAIGN_EVENTS, campaignId, event).join();
	}

	/**
	 * Waits until the store applied everything published for {@code messageId} so far:
	 * publishes a marker after it on the same partition (a REQUESTED event with a reason
	 * of its own, which ranks below every status a stored text has and so changes nothing
	 * but the history) and waits for the marker to show in the text's history.
	 */
	public void awaitApplied(ApiClient api, String accountId, String messageId) {
		awaitApplied(api, accountId, List.of(messageId));
	}

	/**
	 * Like {@link #awaitApplied(ApiClient, String, String)}, for several texts at once.
	 */
	public void awaitApplied(ApiClient api, String accountId, Collection<String> messageIds) {
		Map<String, String> markers = new LinkedHashMap<>();
		for (String messageId : messageIds) {
			String marker = "marker-" + UUID.randomUUID();
			markers.put(messageId, marker);
			publish(status(accountId, messageId, MessageStatus.REQUESTED).setEventId(marker).setReasonCode(marker));
		}
		markers.forEach((messageId, marker) -> Awaitility.await("the store applied everything of " + messageId)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> api.get("/api/v1/messages/" + messageId), (response) -> response.status() == 200
					&& response.<List<String>>json("$.history[*].reasonCode").contains(marker)));
	}

	private static StatusSource sourceOf(MessageStatus status) {
		return switch (status) {
			case REQUESTED, SCHEDULED, CANCELED -> StatusSource.CAMPAIGN;
			case QUEUED, REJECTED, EXPIRED -> StatusSource.DISPATCH;
			case DELIVERY_UNKNOWN -> StatusSource.STATUS_AGEING;
			default -> StatusSource.CARRIER_CALLBACK;
		};
	}

}
