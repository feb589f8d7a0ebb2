package dev.smspipeline.dispatch.queue;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.smspipeline.dispatch.submission.PendingText;
import dev.smspipeline.dispatch.submission.Step;
import dev.smspipeline.dispatch.submission.Submission;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;

/**
 * The submission flow as the test scripts it: each attempt takes the text's next scripted
 * answer (a step, or an exception to throw), else the carrier accepts it; a text is
 * decided without the carrier when it is expired or its campaign cancelled. Every status
 * is acknowledged at once.
 */
final class ScriptedAttempts implements Attempts {

	private static final CompletableFuture<Void> ACKNOWLEDGED = CompletableFuture.completedFuture(null);

	private final Clock clock;

	private final Map<String, Deque<Object>> script = new HashMap<>();

	private final Set<String> alwaysThrowing = new HashSet<>();

	private final Set<String> settlingThrowsOnce = new HashSet<>();

	final Set<String> cancelledCampaigns = new HashSet<>();

	/** Message ids of the attempts, in order. */
	final List<String> attempted = new ArrayList<>();

	/** Message ids of the texts decided without the carrier, in order. */
	final List<String> settled = new ArrayList<>();

	/** Message ids of the texts ended as PROCESSING_FAILED. */
	final List<String> processingFailed = new ArrayList<>();

	ScriptedAttempts(Clock clock) {
		this.clock = clock;
	}

	/** The next attempt at {@code messageId} comes to {@code step}. */
	void answer(String messageId, Step step) {
		this.script.computeIfAbsent(messageId, (id) -> new ArrayDeque<>()).addLast(step);
	}

	/** The next attempt at {@code messageId} throws. */
	void fail(String messageId) {
		this.script.computeIfAbsent(messageId, (id) -> new ArrayDeque<>())
			.addLast(new IllegalStateException("database down"));
	}

	/** Every attempt at {@code messageId} throws. */
	void failAlways(String messageId) {
		this.alwaysThrowing.add(messageId);
	}

	/** The next settlement of {@code messageId} throws. */
	void failSettling(String messageId) {
		this.settlingThrowsOnce.add(messageId);
	}

	@Override
	public CompletableFuture<Void> queued(MessageRequested request) {
		return ACKNOWLEDGED;
	}

	@Override
	public Step attempt(PendingText text) {
		MessageRequested request = text.request();
		this.attempted.add(request.getMessageId());
		if (this.alwaysThrowing.contains(request.getMessageId())) {
			throw new IllegalStateException("database down");
		}
		Deque<Object> next = this.script.get(request.getMessageId());
		Object answer = (next != null) ? next.pollFirst() : null;
		if (answer instanceof RuntimeException ex) {
			throw ex;
		}
		if (answer instanceof Step step) {
			return step;
		}
		return decided(request, MessageStatus.SUBMITTED, true);
	}

	@Override
	public Step.Decided settle(PendingText text) {
		MessageRequested request = text.request();
		this.settled.add(request.getMessageId());
		if (this.settlingThrowsOnce.remove(request.getMessageId())) {
			throw new IllegalStateException("database down");
		}
		if (this.cancelledCampaigns.contains(request.getCampaignId())) {
			return decided(request, MessageStatus.CANCELED, false);
		}
		if (request.getExpiresAt() != null && !this.clock.instant().isBefore(request.getExpiresAt())) {
			return decided(request, MessageStatus.EXPIRED, false);
		}
		return null;
	}

	@Override
	public CompletableFuture<Void> processingFailed(PendingText text, Exception failure) {
		this.processingFailed.add(text.request().getMessageId());
		return ACKNOWLEDGED;
	}

	private Step.Decided decided(MessageRequested request, MessageStatus status, boolean called) {
		Submission outcome = new Submission(request.getMessageId(), request.getAccountId(), request.getRecipient(),
				status, called ? 1 : 0, called ? "SM" + request.getMessageId() : null, null, null, null,
				this.clock.instant());
		return new Step.Decided(outcome, ACKNOWLEDGED, called ? this.clock.instant() : null, called);
	}

}
