package dev.smspipeline.dispatch.submission;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.EventIds;

/**
 * What dispatch decided for one text, as kept in the {@code submission} table: the final
 * status it published, and everything needed to publish that status again, identically.
 *
 * @param messageId our id for the text
 * @param accountId the account it belongs to
 * @param recipient the recipient, E.164
 * @param outcome SUBMITTED, FAILED, DELIVERY_UNKNOWN, EXPIRED, CANCELED or REJECTED
 * @param attempt the create call the outcome belongs to (0: none was made)
 * @param carrierMessageId the carrier's SID, when SUBMITTED
 * @param reasonCode our own reason: why we gave up ({@code CARRIER_UNAVAILABLE},
 * {@code CARRIER_RATE_LIMITED}, {@code CARRIER_NO_ANSWER}, {@code PROCESSING_FAILED}),
 * cancelled ({@code CAMPAIGN_CANCELED}, {@code LEAD_DELETED}) or rejected
 * ({@code OPTED_OUT}, {@code SENDER_NOT_OWNED}, {@code ACCOUNT_SUSPENDED}) the text
 * @param carrierErrorCode the carrier's code, when it refused the text
 * @param carrierErrorDescription the readable reason of a FAILED or DELIVERY_UNKNOWN text
 * @param decidedAt when dispatch decided: the {@code occurredAt} of the status
 */
public record Submission(String messageId, String accountId, String recipient, MessageStatus outcome, int attempt,
		String carrierMessageId, String reasonCode, String carrierErrorCode, String carrierErrorDescription,
		Instant decidedAt) {

	public Submission {
		Objects.requireNonNull(messageId, "messageId");
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(decidedAt, "decidedAt");
	}

	static Submission submitted(MessageRequested request, int attempt, String carrierMessageId, Instant at) {
		return new Submission(request.getMessageId(), request.getAccountId(), request.getRecipient(),
				MessageStatus.SUBMITTED, attempt, carrierMessageId, null, null, null, at);
	}

	static Submission refused(MessageRequested request, int attempt, String carrierErrorCode, String description,
			Instant at) {
		return new Submission(request.getMessageId(), request.getAccountId(), request.getRecipient(),
				MessageStatus.FAILED, attempt, null, null, carrierErrorCode, description, at);
	}

	static Submission gaveUp(MessageRequested request, int attempt, String reasonCode, String description, Instant at) {
		return new Submission(request.getMessageId(), request.getAccountId(), request.getRecipient(),
				MessageStatus.FAILED, attempt, null, reasonCode, null, description, at);
	}

	/**
	 * Given up without knowing whether the carrier took the text: DELIVERY_UNKNOWN, which
	 * the carrier's later callbacks (DELIVERED, UNDELIVERED, FAILED) still override in
	 * the status store, unlike a FAILED.
	 */
	static Submission unknown(MessageRequested request, int attempt, String reasonCode, String description,
			Instant at) {
		return new Submission(request.getMessageId(), request.getAccountId(), request.getRecipient(),
				MessageStatus.DELIVERY_UNKNOWN, attempt, null, reasonCode, null, description, at);
	}

	static Submission expired(MessageRequested request, int attempt, Instant at) {
		return new Submission(request.getMessageId(), request.getAccountId(), request.getRecipient(),
				MessageStatus.EXPIRED, attempt, null, null, null, null, at);
	}

	static Submission canceled(MessageRequested request, int attempt, String reasonCode, Instant at) {
		return new Submission(request.getMessageId(), request.getAccountId(), request.getRecipient(),
				MessageStatus.CANCELED, attempt, null, reasonCode, null, null, at);
	}

	static Submission rejected(MessageRequested request, int attempt, String reasonCode, Instant at) {
		return new Submission(request.getMessageId(), request.getAccountId(), request.getRecipient(),
				MessageStatus.REJECTED, attempt, null, reasonCode, null, null, at);
	}

	/**
	 * The error code an outcome counts under in {@code sms_dispatch_failed_total}: the
	 * carrier's code, else our reason.
	 * @return the code, or {@code null} for an outcome that is not a failure
	 */
	String failureCode() {
		return (this.carrierErrorCode != null) ? this.carrierErrorCode : this.reasonCode;
	}

	/**
	 * The status event of this outcome. Its event id depends only on the outcome, so
	 * publishing it again (after a redelivery) is the same event.
	 * @param request the request the outcome belongs to
	 * @return the event
	 */
	DeliveryStatus toStatus(MessageRequested request) {
		DeliveryStatus.Builder status = statusOf(request, this.outcome, this.attempt, this.decidedAt)
			.setCarrierMessageId(this.carrierMessageId)
			.setReasonCode(this.reasonCode)
			.setCarrierErrorCode(this.carrierErrorCode)
			.setCarrierErrorDescription(this.carrierErrorDescription);
		if (SubmissionFlow.PROCESSING_FAILED.equals(this.reasonCode)) {
			// the attempt a processing failure comes at differs from one delivery to the
			// next (and it may not be recorded): keyed by the reason, it is one event
			status.setEventId(EventIds.dispatchStatus(this.messageId, this.outcome, this.reasonCode));
		}
		return status.build();
	}

	/**
	 * A status event of {@code request} with the fields every dispatch status carries.
	 * @param request the request
	 * @param status the status
	 * @param attempt the create call the status belongs to (0: none yet)
	 * @param at when it happened
	 * @return a builder to add the status's own fields to
	 */
	static DeliveryStatus.Builder statusOf(MessageRequested request, MessageStatus status, int attempt, Instant at) {
		return DeliveryStatus.newBuilder()
			.setEventId(EventIds.dispatchStatus(request.getMessageId(), status, attempt))
			.setMessageId(request.getMessageId())
			.setAccountId(request.getAccountId())
			.setCampaignId(request.getCampaignId())
			.setRecipient(request.getRecipient())
			.setSender(request.getSender())
			.setStatus(status)
			.setSegments(request.getSegments())
			.setAttempt(attempt)
			.setOccurredAt(at)
			.setSource(StatusSource.DISPATCH)
			.setAttributes(Map.of());
	}

}
