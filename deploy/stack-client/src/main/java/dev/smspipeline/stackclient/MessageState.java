package dev.smspipeline.stackclient;

import java.util.Set;

/**
 * What status-service knows of one text, and the vocabulary of its statuses (the
 * contract's names, as they appear on {@code sms.delivery-status} and in the REST API).
 *
 * @param status its current status
 * @param reasonCode our reason ({@code CARRIER_UNAVAILABLE}, {@code OPTED_OUT}, …) or
 * {@code null}
 * @param carrierErrorCode the carrier's error code or {@code null}
 */
public record MessageState(String status, String reasonCode, String carrierErrorCode) {

	/**
	 * The statuses a text never leaves (a late DELIVERED still upgrades
	 * DELIVERY_UNKNOWN).
	 */
	public static final Set<String> FINAL = Set.of("DELIVERED", "UNDELIVERED", "FAILED", "REJECTED", "CANCELED",
			"EXPIRED", "DELIVERY_UNKNOWN");

	/**
	 * Statuses that say the carrier took the text (SUBMITTED or any later carrier
	 * status).
	 */
	public static final Set<String> HANDED_OVER = Set.of("SUBMITTED", "SENT", "DELIVERED", "UNDELIVERED",
			"DELIVERY_UNKNOWN");

	/** Statuses that say the carrier never took it. */
	public static final Set<String> NOT_SENT = Set.of("FAILED", "REJECTED", "CANCELED", "EXPIRED");

	/** Reasons for which dispatch gave a text up because the carrier kept failing. */
	public static final Set<String> GIVEN_UP = Set.of("CARRIER_UNAVAILABLE", "CARRIER_RATE_LIMITED");

	/**
	 * Dispatch's reason for a text given up after carrier calls that went unanswered: it
	 * ends DELIVERY_UNKNOWN because the carrier may have taken it.
	 */
	public static final String NO_ANSWER = "CARRIER_NO_ANSWER";

	/**
	 * Whether a status is final.
	 * @param status a status name
	 * @return {@code true} for one of {@link #FINAL}
	 */
	public static boolean isFinal(String status) {
		return FINAL.contains(status);
	}

	/**
	 * Whether a status says the carrier took the text.
	 * @param status a status name
	 * @return {@code true} for one of {@link #HANDED_OVER}
	 */
	public static boolean isHandedOver(String status) {
		return HANDED_OVER.contains(status);
	}

	/**
	 * Whether this text's status is final.
	 * @return {@code true} for one of {@link #FINAL}
	 */
	public boolean isFinal() {
		return isFinal(this.status);
	}

	/**
	 * Whether dispatch gave the text up because the carrier kept failing or never
	 * answered.
	 * @return {@code true} for FAILED with a {@link #GIVEN_UP} reason, or
	 * {@link #maybeTaken()}
	 */
	public boolean givenUp() {
		return ("FAILED".equals(this.status) && this.reasonCode != null && GIVEN_UP.contains(this.reasonCode))
				|| maybeTaken();
	}

	/**
	 * Whether dispatch gave the text up without knowing if the carrier took it.
	 * @return {@code true} for DELIVERY_UNKNOWN with {@link #NO_ANSWER}
	 */
	public boolean maybeTaken() {
		return "DELIVERY_UNKNOWN".equals(this.status) && NO_ANSWER.equals(this.reasonCode);
	}

	/**
	 * The status with its reason, for reports: {@code FAILED(CARRIER_UNAVAILABLE)},
	 * {@code FAILED(21614)}, {@code DELIVERED}.
	 * @return the label
	 */
	public String label() {
		if (this.reasonCode != null && !this.reasonCode.isBlank()) {
			return this.status + "(" + this.reasonCode + ")";
		}
		if (this.carrierErrorCode != null && !this.carrierErrorCode.isBlank()) {
			return this.status + "(" + this.carrierErrorCode + ")";
		}
		return this.status;
	}

}
