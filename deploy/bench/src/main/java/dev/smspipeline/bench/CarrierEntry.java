package dev.smspipeline.bench;

/**
 * One create request in the carrier simulator's log ({@code GET /sim/messages}).
 *
 * @param receivedAt arrival time, epoch milliseconds
 * @param to the recipient
 * @param outcome {@code accepted}, {@code duplicate}, {@code rate_limited} or
 * {@code error}
 * @param messageId our message id (the idempotency key dispatch sends, else the
 * {@code messageId} of the status callback URL), or {@code null}
 */
record CarrierEntry(long receivedAt, String to, String outcome, String messageId) {

	static final String ACCEPTED = "accepted";

	static final String DUPLICATE = "duplicate";

	static final String RATE_LIMITED = "rate_limited";

	boolean accepted() {
		return ACCEPTED.equals(this.outcome);
	}

}
