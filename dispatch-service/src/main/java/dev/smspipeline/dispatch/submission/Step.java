package dev.smspipeline.dispatch.submission;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What one attempt at a text came to. Either way it tells whether a create call went to
 * the carrier ({@code answeredAt} is then set) and whether that call counts as a
 * submission for pacing: anything the carrier may have taken does, a rate-limit answer
 * does not.
 */
public sealed interface Step {

	/** When the carrier answered the attempt's create call, or {@code null} for none. */
	Instant answeredAt();

	/** Whether the call counts as a submission to the recipient for pacing. */
	boolean submission();

	/**
	 * The text has its outcome: recorded in the {@code submission} table, its status on
	 * its way to {@code sms.delivery-status}.
	 *
	 * @param outcome the recorded outcome
	 * @param published completes once the broker has the status
	 * @param answeredAt when the carrier answered, or {@code null} when no call was made
	 * @param submission whether the call counts for pacing
	 */
	record Decided(Submission outcome, CompletableFuture<Void> published, Instant answeredAt,
			boolean submission) implements Step {

		public Decided {
			Objects.requireNonNull(outcome, "outcome");
			Objects.requireNonNull(published, "published");
		}

	}

	/**
	 * Try the same text again, not before {@code notBefore}.
	 *
	 * @param notBefore the earliest next attempt
	 * @param hold what the carrier held, if it did: the pacer holds it until
	 * {@code notBefore}, which delays every text to the recipient (or the pair), not only
	 * this one
	 * @param answeredAt when the carrier answered
	 * @param submission whether the call counts for pacing
	 */
	record Retry(Instant notBefore, Hold hold, Instant answeredAt, boolean submission) implements Step {

		public Retry {
			Objects.requireNonNull(notBefore, "notBefore");
			Objects.requireNonNull(hold, "hold");
		}

	}

	/** What a retry holds besides the text itself. */
	enum Hold {

		/** Only this text waits (backoff after a transient failure). */
		NONE,

		/** The carrier holds the recipient (429, 20429). */
		RECIPIENT,

		/** The carrier holds the sender and recipient pair (14107). */
		PAIR

	}

}
