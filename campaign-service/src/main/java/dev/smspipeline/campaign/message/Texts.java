package dev.smspipeline.campaign.message;

import java.time.Instant;
import java.util.Map;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.events.TrafficClass;
import dev.smspipeline.schemas.EventIds;

/**
 * Builds the records a text is published as, the same way for one-off and campaign texts,
 * so dispatch and status consumers cannot tell the paths apart except by {@code source}
 * and {@code campaignId}.
 */
public final class Texts {

	private Texts() {
	}

	/**
	 * The {@code MessageRequested} dispatch gets.
	 * @param text what is to be sent
	 * @return the request, keyed by {@link Text#recipient()} on the topic
	 */
	public static MessageRequested request(Text text) {
		return MessageRequested.newBuilder()
			.setMessageId(text.messageId())
			.setAccountId(text.accountId())
			.setCampaignId(text.campaignId())
			.setRecipient(text.recipient())
			.setSender(text.sender())
			.setBody(text.body())
			.setSegments(text.segments())
			.setIdempotencyKey(text.idempotencyKey())
			.setRequestedAt(text.requestedAt())
			.setNotBefore(text.notBefore())
			.setExpiresAt(text.expiresAt())
			.setSource(text.source())
			.setAttributes(text.attributes())
			.setPriority(text.priority())
			.build();
	}

	/**
	 * A status change of a text, with the event id {@code <messageId>:<status>} so a
	 * repeat is recognised as the same event.
	 * @param messageId the text
	 * @param accountId its account
	 * @param campaignId its campaign, or {@code null}
	 * @param recipient E.164, or {@code null} when it could not be read
	 * @param sender its From number
	 * @param status the new status
	 * @param occurredAt when
	 * @return a builder to add reason code, segments and attributes to
	 */
	public static DeliveryStatus.Builder status(String messageId, String accountId, String campaignId, String recipient,
			String sender, MessageStatus status, Instant occurredAt) {
		return DeliveryStatus.newBuilder()
			.setEventId(EventIds.textStatus(messageId, status))
			.setMessageId(messageId)
			.setAccountId(accountId)
			.setCampaignId(campaignId)
			.setRecipient(recipient)
			.setSender(sender)
			.setStatus(status)
			.setOccurredAt(occurredAt)
			.setSource(StatusSource.CAMPAIGN)
			.setAttributes(Map.of());
	}

	/**
	 * One text, as both paths describe it.
	 *
	 * @param messageId our id
	 * @param accountId its account
	 * @param campaignId its campaign, or {@code null}
	 * @param recipient E.164
	 * @param sender From number
	 * @param body rendered text
	 * @param segments SMS segments of {@code body}
	 * @param idempotencyKey the caller's Idempotency-Key, or {@code null}
	 * @param requestedAt when it was requested
	 * @param notBefore earliest submission, or {@code null}
	 * @param expiresAt not submitted after this
	 * @param source REST_API, CRM_TOPIC or CAMPAIGN
	 * @param attributes free-form, passed on to dispatch
	 * @param priority its traffic class: BULK for campaign texts
	 */
	public record Text(String messageId, String accountId, String campaignId, String recipient, String sender,
			String body, int segments, String idempotencyKey, Instant requestedAt, Instant notBefore, Instant expiresAt,
			RequestSource source, Map<String, String> attributes, TrafficClass priority) {

	}

}
