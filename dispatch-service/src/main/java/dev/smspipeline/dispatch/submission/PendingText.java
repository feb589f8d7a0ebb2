package dev.smspipeline.dispatch.submission;

import java.util.Objects;

import dev.smspipeline.events.MessageRequested;

/**
 * One requested text on its way to an outcome, with what its attempts so far taught: the
 * attempt number of the next create call, and the transient failures and rate-limit
 * answers it had. Kept in memory between attempts; a redelivered text starts over (and
 * finds its outcome in the {@code submission} table if it has one).
 */
public final class PendingText {

	private final MessageRequested request;

	private int attempts;

	private int transientFailures;

	private int rateLimits;

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

}
