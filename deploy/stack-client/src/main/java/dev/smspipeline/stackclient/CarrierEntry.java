package dev.smspipeline.stackclient;

/**
 * One create request in the carrier simulator's log ({@code GET /sim/messages}).
 *
 * @param receivedAt arrival time, epoch milliseconds
 * @param to the recipient
 * @param outcome {@link #ACCEPTED}, {@link #DUPLICATE}, {@link #RATE_LIMITED} or
 * {@code error}
 * @param idempotencyKey the idempotency token (dispatch sends the message id), or
 * {@code null}
 * @param callbackMessageId the {@code messageId} query parameter of the request's status
 * callback URL, or {@code null}
 * @param fault the simulator fault that acted on it ({@code ERROR_500}, {@code TIMEOUT}),
 * or {@code null}
 */
public record CarrierEntry(long receivedAt, String to, String outcome, String idempotencyKey, String callbackMessageId,
		String fault) {

	/** The outcome of a create the carrier took. */
	public static final String ACCEPTED = "accepted";

	/** The outcome of a repeat answered from the carrier's idempotency cache. */
	public static final String DUPLICATE = "duplicate";

	/**
	 * The outcome of a create refused for coming too soon after the last to its number.
	 */
	public static final String RATE_LIMITED = "rate_limited";

	/**
	 * Whether the carrier took this create.
	 * @return {@code true} for {@link #ACCEPTED}
	 */
	public boolean accepted() {
		return ACCEPTED.equals(this.outcome);
	}

	/**
	 * Whether the carrier answered it from its idempotency cache.
	 * @return {@code true} for {@link #DUPLICATE}
	 */
	public boolean duplicate() {
		return DUPLICATE.equals(this.outcome);
	}

	/**
	 * Our message id: the idempotency key, else the status callback's {@code messageId}.
	 * @return the id, or {@code null} when the request carried neither
	 */
	public String messageId() {
		return (this.idempotencyKey != null) ? this.idempotencyKey : this.callbackMessageId;
	}

}
