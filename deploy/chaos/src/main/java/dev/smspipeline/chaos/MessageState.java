package dev.smspipeline.chaos;

import java.util.Set;

/**
 * What status-service knows of one text.
 *
 * @param status its current status
 * @param reasonCode our reason ({@code CARRIER_UNAVAILABLE}, {@code OPTED_OUT}, …) or
 * {@code null}
 * @param carrierErrorCode the carrier's error code or {@code null}
 */
record MessageState(String status, String reasonCode, String carrierErrorCode) {

	/**
	 * The statuses a text never leaves (a late DELIVERED still upgrades
	 * DELIVERY_UNKNOWN).
	 */
	static final Set<String> FINAL = Set.of("DELIVERED", "UNDELIVERED", "FAILED", "REJECTED", "CANCELED", "EXPIRED",
			"DELIVERY_UNKNOWN");

	/** Reasons for which dispatch gave a text up because the carrier kept failing. */
	static final Set<String> GIVEN_UP = Set.of("CARRIER_UNAVAILABLE", "CARRIER_RATE_LIMITED");

	/**
	 * Dispatch's reason for a text given up after carrier calls that went unanswered: it
	 * ends DELIVERY_UNKNOWN because the carrier may have taken it.
	 */
	static final String NO_ANSWER = "CARRIER_NO_ANSWER";

	boolean isFinal() {
		return FINAL.contains(this.status);
	}

	boolean givenUp() {
		return ("FAILED".equals(this.status) && this.reasonCode != null && GIVEN_UP.contains(this.reasonCode))
				|| maybeTaken();
	}

	/**
	 * Whether dispatch gave the text up without knowing if the carrier took it.
	 * @return {@code true} for DELIVERY_UNKNOWN with {@link #NO_ANSWER}
	 */
	boolean maybeTaken() {
		return "DELIVERY_UNKNOWN".equals(this.status) && NO_ANSWER.equals(this.reasonCode);
	}

	/**
	 * The status with its reason, for reports: {@code FAILED(CARRIER_UNAVAILABLE)},
	 * {@code FAILED(21614)}, {@code DELIVERED}.
	 * @return the label
	 */
	String label() {
		if (this.reasonCode != null && !this.reasonCode.isBlank()) {
			return this.status + "(" + this.reasonCode + ")";
		}
		if (this.carrierErrorCode != null && !this.carrierErrorCode.isBlank()) {
			return this.status + "(" + this.carrierErrorCode + ")";
		}
		return this.status;
	}

}
