package dev.smspipeline.dispatch.submission;

import java.util.Objects;

import dev.smspipeline.events.MessageRequested;

/**
 * One requested text on its way to an outcome, with what its attempts so far taught: the
 * attempt number of the next create call, the transient failures and rate-limit answers
 * it had, and how many of those failures left it open whether the carrier took the text
 * (the request went out, no answer came back). Kept in memory between attempts; a
 * redelivered text starts over (and finds its outcome in the {@code submission} table if
 * it has one).
 */
public final class PendingText {

	private final MessageRequested request;

	private int attempts;

	private int transientFailures;

	private int rateLimits;

	private int unanswered;

	public PendingText(MessageRequested request) {
		this.request = Objects.requireNonNull(request, "request");
	}

	public MessageRequested request() {
		return this.request;
	}

	/** Create calls made so far. */
	public int attempts() {
		return this.attempts;
	}

	int nextAttempt() {
		return ++this.attempts;
	}

	int transientFailure() {
		return ++this.transientFailures;
	}

	int rateLimited() {
		return ++this.rateLimits;
	}

	/**
	 * Notes a transient failure after which the carrier may have the text.
	 * @return such failures so far
	 */
	int unanswered() {
		return ++this.unanswered;
	}

	/**
	 * Transient failures so far after which the carrier may have the text: when the
	 * attempts run out, any such failure makes the outcome unknown rather than failed.
	 * @return the count
	 */
	int unansweredAttempts() {
		return this.unanswered;
	}

}
