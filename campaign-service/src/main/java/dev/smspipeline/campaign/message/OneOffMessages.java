package dev.smspipeline.campaign.message;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.smspipeline.campaign.recipient.PhoneNumberCheck;
import dev.smspipeline.campaign.recipient.PhoneNumbers;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.Problems;

/**
 * Turns a one-off request into a text: checks the number and the body, then publishes it
 * for dispatch, or publishes why it was rejected. Either way the text gets an id and a
 * status the caller can follow.
 */
@Service
class OneOffMessages {

	private final PhoneNumbers phoneNumbers;

	private final MessagePublisher publisher;

	private final MessageSettings settings;

	private final Clock clock;

	OneOffMessages(PhoneNumbers phoneNumbers, MessagePublisher publisher, MessageSettings settings) {
		this.phoneNumbers = phoneNumbers;
		this.publisher = publisher;
		this.settings = settings;
		this.clock = Clock.systemUTC();
	}

	MessageAccepted send(AccountId account, SendMessageRequest request) {
		if (request.body().length() > this.settings.maxBodyLength()) {
			throw Problems.invalid("body", "is longer than " + this.settings.maxBodyLength() + " characters");
		}
		String messageId = UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		String sender = (request.sender() != null && !request.sender().isBlank()) ? request.sender()
				: this.settings.defaultSender();
		PhoneNumberCheck check = this.phoneNumbers.check(request.recipient());
		if (check instanceof PhoneNumberCheck.Rejected rejected) {
			this.publisher
				.publishRejected(status(messageId, account, request, null, sender, MessageStatus.REJECTED, now)
					.setReasonCode(rejected.reasonCode())
					.build());
			return new MessageAccepted(messageId, MessageStatus.REJECTED.name(), null, rejected.reasonCode(),
					rejected.reason());
		}
		String recipient = ((PhoneNumberCheck.Accepted) check).e164();
		MessageRequested requested = MessageRequested.newBuilder()
			.setMessageId(messageId)
			.setAccountId(account.value())
			.setCampaignId(request.campaignId())
			.setRecipient(recipient)
			.setSender(sender)
			.setBody(request.body())
			.setSegments(SmsSegments.count(request.body()))
			.setRequestedAt(now)
			.setExpiresAt(now.plus(this.settings.validity()))
			.setSource(RequestSource.REST_API)
			.setAttributes(Map.of())
			.build();
		this.publisher.publishRequested(requested,
				status(messageId, account, request, recipient, sender, MessageStatus.REQUESTED, now)
					.setSegments(requested.getSegments())
					.build());
		return new MessageAccepted(messageId, MessageStatus.REQUESTED.name(), recipient, null, null);
	}

	private static DeliveryStatus.Builder status(String messageId, AccountId account, SendMessageRequest request,
			String recipient, String sender, MessageStatus status, Instant now) {
		return DeliveryStatus.newBuilder()
			.setEventId(messageId + ":" + status.name())
			.setMessageId(messageId)
			.setAccountId(account.value())
			.setCampaignId(request.campaignId())
			.setRecipient(recipient)
			.setSender(sender)
			.setStatus(status)
			.setOccurredAt(now)
			.setSource(StatusSource.CAMPAIGN)
			.setAttributes(Map.of());
	}

}
