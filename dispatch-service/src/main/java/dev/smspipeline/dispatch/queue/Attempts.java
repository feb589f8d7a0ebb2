package dev.smspipeline.dispatch.queue;

import java.util.concurrent.CompletableFuture;

import dev.smspipeline.dispatch.submission.PendingText;
import dev.smspipeline.dispatch.submission.Step;
import dev.smspipeline.dispatch.submission.SubmissionFlow;
import dev.smspipeline.events.MessageRequested;

/**
 * What dispatch asks of the {@link SubmissionFlow}: the statuses it publishes and the
 * attempts it makes. See the flow for what each one does.
 */
interface Attempts {

	/** Publishes QUEUED; completes once the broker has it. */
	CompletableFuture<Void> queued(MessageRequested request);

	/** One attempt: the precheck, then at most one create call. */
	Step attempt(PendingText text);

	/** Decides a text without the carrier, or returns {@code null} when it needs one. */
	Step.Decided settle(PendingText text);

	/** Ends a text whose processing kept failing: FAILED, published. */
	CompletableFuture<Void> processingFailed(PendingText text, Exception failure);

	/**
	 * The flow's attempts.
	 * @param flow the submission flow
	 * @return the attempts
	 */
	static Attempts of(SubmissionFlow flow) {
		return new Attempts() {

			@Override
			public CompletableFuture<Void> queued(MessageRequested request) {
				return flow.queued(request);
			}

			@Override
			public Step attempt(PendingText text) {
				return flow.attempt(text);
			}

			@Override
			public Step.Decided settle(PendingText text) {
				return flow.settle(text);
			}

			@Override
			public CompletableFuture<Void> processingFailed(PendingText text, Exception failure) {
				return flow.processingFailed(text, failure);
			}

		};
	}

}
