package dev.smspipeline.chaos;

/**
 * One create request the carrier simulator logged ({@code GET /sim/messages}).
 *
 * @param receivedAt arrival, epoch milliseconds
 * @param to the recipient
 * @param idempotencyKey the idempotency token (dispatch sends the message id), or
 * {@code null}
 * @param outcome {@code accepted}, {@code duplicate}, {@code rate_limited} or
 * {@code error}
 * @param fault the simulator fault that acted on it ({@code ERROR_500}, {@code TIMEOUT}),
 * or {@code null}
 */
record CarrierEntry(long receivedAt, String to, String idempotencyKey, String outcome, String fault) {

	boolean accepted() {
		return "accepted".equals(this.outcome);
	}

	boolean duplicate() {
		return "duplicate".equals(this.outcome);
	}

}
