package dev.smspipeline.campaign.campaign;

import dev.smspipeline.campaign.admission.Admission;

/**
 * Where a campaign text is, as far as campaign-service knows
 * ({@code campaign_message.state}).
 */
public enum MessageState {

	/** Waiting for its release time. Published SCHEDULED. */
	HELD,

	/**
	 * Handed to dispatch: its {@code MessageRequested} is in the outbox, on the topic or
	 * in dispatch, and dispatch has not said yet what became of it.
	 */
	RELEASED,

	/** Dispatch handed it to the carrier (its SUBMITTED, or a later carrier status). */
	SUBMITTED,

	/**
	 * Released, then ended by dispatch without reaching the carrier: canceled, rejected,
	 * expired or failed ({@code reason_code} is that status).
	 */
	UNSENT,

	/** Refused by our own checks. Published REJECTED with the reason code. */
	REJECTED,

	/** Its validity would pass, or passed, before it could go out. Published EXPIRED. */
	EXPIRED,

	/** Its campaign was canceled. Published CANCELED, {@code CAMPAIGN_CANCELED}. */
	CANCELED,

	/**
	 * Smart sending skipped it: the recipient got a campaign text of the account within
	 * the window. Published CANCELED, {@code SMART_SENDING_WINDOW}.
	 */
	SKIPPED,

	/** Its lead was deleted. Published CANCELED, {@code LEAD_DELETED}. */
	DELETED;

	/**
	 * The state a campaign text is stored in once the admission policy decided it.
	 * @param admission the decision
	 * @return its state
	 */
	public static MessageState of(Admission admission) {
		if (admission instanceof Admission.Send) {
			return RELEASED;
		}
		if (admission instanceof Admission.HoldUntil) {
			return HELD;
		}
		if (admission instanceof Admission.Reject) {
			return REJECTED;
		}
		if (admission instanceof Admission.Expire) {
			return EXPIRED;
		}
		return SKIPPED;
	}

}
