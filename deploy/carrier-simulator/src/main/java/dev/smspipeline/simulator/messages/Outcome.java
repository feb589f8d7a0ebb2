package dev.smspipeline.simulator.messages;

/**
 * What the simulator did with a create request.
 */
public enum Outcome {

	/** The message was accepted (HTTP 201). */
	ACCEPTED("accepted"),

	/** A repeat of an idempotency key: the first answer was sent again. */
	DUPLICATE("duplicate"),

	/** Refused with HTTP 429. */
	RATE_LIMITED("rate_limited"),

	/** Refused with any other error. */
	ERROR("error");

	private final String wireName;

	Outcome(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The name in {@code GET /sim/messages}.
	 * @return e.g. {@code rate_limited}
	 */
	public String wireName() {
		return this.wireName;
	}

}
