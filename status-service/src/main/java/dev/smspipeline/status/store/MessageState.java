package dev.smspipeline.status.store;

import java.time.Instant;
import java.util.Objects;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;

/**
 * One row of {@code message_status}, and the rules by which a status event changes it.
 * The rules make the row end the same whatever order the events of a text arrive in, and
 * make applying an event again change nothing:
 * <ul>
 * <li>the status moves only to a higher {@link StatusRank}; its reason and carrier error
 * move with it, and {@code updatedAt} becomes the time of the event that moved it;</li>
 * <li>facts about the text (campaign, recipient, sender, segments) are filled from
 * whichever event has them first; the carrier's message id prefers the event that set the
 * current status;</li>
 * <li>{@code createdAt} is the earliest event's time, {@code submittedAt} and
 * {@code lastSubmittedAt} the earliest and latest SUBMITTED or SENT event's time.</li>
 * </ul>
 *
 * @param messageId the text's id
 * @param accountId its account, from the first event
 * @param campaignId its campaign, or {@code null}
 * @param recipient its recipient, or {@code null}
 * @param sender its sender, or {@code null}
 * @param status the current status
 * @param rank the current status's rank
 * @param reasonCode the reason of the current status
 * @param carrierErrorCode the carrier's error code of the current status
 * @param carrierErrorDescription what that code means
 * @param carrierMessageId the carrier's id of the text
 * @param segments SMS segments
 * @param createdAt the earliest event's time
 * @param updatedAt when the current status was reached
 * @param submittedAt the earliest SUBMITTED or SENT event's time, or {@code null}
 * @param lastSubmittedAt the latest SUBMITTED or SENT event's time, or {@code null}
 */
record MessageState(String messageId, String accountId, String campaignId, String recipient, String sender,
		MessageStatus status, int rank, String reasonCode, String carrierErrorCode, String carrierErrorDescription,
		String carrierMessageId, Integer segments, Instant createdAt, Instant updatedAt, Instant submittedAt,
		Instant lastSubmittedAt) {

	/** The state of a text whose first event is {@code event}. */
	static MessageState first(DeliveryStatus event) {
		Instant at = event.getOccurredAt();
		return new MessageState(Texts.required(event.getMessageId()), Texts.required(event.getAccountId()),
				Texts.text(event.getCampaignId()), Texts.text(event.getRecipient()), Texts.text(event.getSender()),
				event.getStatus(), StatusRank.of(event.getStatus()), Texts.text(event.getReasonCode()),
				Texts.text(event.getCarrierErrorCode()), Texts.text(event.getCarrierErrorDescription()),
				Texts.text(event.getCarrierMessageId()), event.getSegments(), at, at, submission(event),
				submission(event));
	}

	/** This state after {@code event}. */
	MessageState apply(DeliveryStatus event) {
		int eventRank = StatusRank.of(event.getStatus());
		boolean moves = eventRank > this.rank;
		String eventCarrierMessageId = Texts.text(event.getCarrierMessageId());
		Instant at = event.getOccurredAt();
		return new MessageState(this.messageId, this.accountId,
				first(this.campaignId, Texts.text(event.getCampaignId())),
				first(this.recipient, Texts.text(event.getRecipient())),
				first(this.sender, Texts.text(event.getSender())), moves ? event.getStatus() : this.status,
				Math.max(this.rank, eventRank), moves ? Texts.text(event.getReasonCode()) : this.reasonCode,
				moves ? Texts.text(event.getCarrierErrorCode()) : this.carrierErrorCode,
				moves ? Texts.text(event.getCarrierErrorDescription()) : this.carrierErrorDescription,
				moves ? first(eventCarrierMessageId, this.carrierMessageId)
						: first(this.carrierMessageId, eventCarrierMessageId),
				first(this.segments, event.getSegments()), earliest(this.createdAt, at),
				moves ? latest(this.updatedAt, at) : this.updatedAt, earliest(this.submittedAt, submission(event)),
				latest(this.lastSubmittedAt, submission(event)));
	}

	/** The bucket of the current status. */
	StatusBucket bucket() {
		return StatusBucket.of(this.status, this.reasonCode);
	}

	/**
	 * Whether a change from {@code before} to this state changes what the recipient's
	 * summary shows.
	 */
	boolean changesRecipientSummary(MessageState before) {
		return before == null || !Objects.equals(before.recipient, this.recipient) || before.status != this.status
				|| before.bucket() != bucket() || !before.createdAt.equals(this.createdAt);
	}

	private static Instant submission(DeliveryStatus event) {
		MessageStatus status = event.getStatus();
		return (status == MessageStatus.SUBMITTED || status == MessageStatus.SENT) ? event.getOccurredAt() : null;
	}

	private static <T> T first(T current, T candidate) {
		return (current != null) ? current : candidate;
	}

	private static Instant earliest(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || !b.isBefore(a)) ? a : b;
	}

	private static Instant latest(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || !b.isAfter(a)) ? a : b;
	}

}
