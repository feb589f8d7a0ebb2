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

	OneOffMessages(PhoneNumbers phoneNumbers, MessagePublisher publisher, MessageSettings settings, Clock clock) {
		this.phoneNumbers = phoneNumbers;
		this.publisher = publisher;
		this.settings = settings;
		this.clock = clock;
	}

	MessageAccepted send(AccountId account, SendMessageRequest request) {
		int segments = SmsSegments.count(request.body());
		if (segments > this.settings.maxSegments()) {
			throw Problems.invalid("body", "needs " + segments + " SMS segments; the limit is "
					+ this.settings.maxSegments() + " (sms.messages.max-segments)");
		}
		String messageId = UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		String sender = this.settings.senderOr(request.sender());
		PhoneNumberCheck check = this.phoneNumbers.check(request.recipient());
		if (check instanceof PhoneNumberCheck.Rejected rejected) {
			this.publisher.publishRejected(Texts
				.status(messageId, account.value(), request.campaignId(), null, sender, MessageStatus.REJECTED, now)
				.setReasonCode(rejected.reasonCode())
				.build());
			return new MessageAccepted(messageId, MessageStatus.REJECTED.name(), null, rejected.reasonCode(),
					rejected.reason());
		}
		String recipient = ((PhoneNumberCheck.Accepted) check).e164();
		MessageRequested requested = Texts
			.request(new Texts.Text(messageId, account.value(), request.campaignId(), recipient, sender, request.body(),
					segments, null, now, null, now.plus(this.settings.validity()), RequestSource.REST_API, Map.of()));
		DeliveryStatus status = Texts
			.status(messageId, account.value(), request.campaignId(), recipient, sender, MessageStatus.REQUESTED, now)
			.setSegments(segments)
			.build();
		this.publisher.publishRequested(requested, status);
		return new MessageAccepted(messageId, MessageStatus.REQUESTED.name(), recipient, null, null);
	}

}
