package dev.smspipeline.dispatch.carrier;

import java.time.Duration;
import java.util.Objects;

/**
 * What the carrier made of one create call, in the terms the submission flow acts on.
 */
public sealed interface CarrierAnswer {

	/**
	 * The carrier took the text; it is in its outbox.
	 *
	 * @param carrierMessageId the carrier's SID for the text ({@code SM…})
	 */
	record Accepted(String carrierMessageId) implements CarrierAnswer {

		public Accepted {
			Objects.requireNonNull(carrierMessageId, "carrierMessageId");
		}

	}

	/**
	 * The carrier holds the number, or the pair of sender and recipient, for a while:
	 * send the same text again once the hold is over.
	 *
	 * @param retryAfter how long the carrier asked to wait ({@code Retry-After}, or the
	 * seconds its message names), or {@code null} when it named no time: the caller picks
	 * its default for the scope
	 * @param scope what the carrier holds
	 * @param code the carrier's error code, verbatim ({@code 20429}, {@code 14107}), or
	 * {@code HTTP 429} when the answer carried none
	 */
	record RateLimited(Duration retryAfter, HoldScope scope, String code) implements CarrierAnswer {

		public RateLimited {
			Objects.requireNonNull(scope, "scope");
			Objects.requireNonNull(code, "code");
		}

	}

	/**
	 * What a rate-limit answer holds.
	 */
	enum HoldScope {

		/**
		 * The recipient number, whoever sends to it: HTTP 429 / Twilio 20429 ("To number
		 * rate limit exceeded").
		 */
		RECIPIENT,

		/**
		 * The pair of sender and recipient numbers: Twilio 14107 (about 30 texts between
		 * the same two numbers with gaps under 30 s fail further texts for 30 s).
		 */
		PAIR

	}

	/**
	 * The carrier refused this text for good (a landline, an unsubscribed or invalid
	 * number, …): sending it again gets the same answer.
	 *
	 * @param code the carrier's error code, verbatim (e.g. {@code 21614}), or
	 * {@code HTTP <status>} when the answer carried none
	 * @param message the carrier's human-readable reason
	 */
	record Refused(String code, String message) implements CarrierAnswer {

		public Refused {
			Objects.requireNonNull(code, "code");
			Objects.requireNonNull(message, "message");
		}

	}

	/**
	 * The call failed in a way that says nothing final about the text (a 5xx, a timeout,
	 * a connection error): the same call may well succeed later, and it carries the same
	 * idempotency token, so a text the carrier took is never taken twice.
	 *
	 * <p>
	 * {@code maybeTaken} tells the two kinds apart, for when the attempts run out:
	 * <ul>
	 * <li>{@code true}: the request went out and no usable answer came back (a response
	 * timeout, the connection reset or closed after the request was written, a 2xx
	 * without a SID). The carrier may have taken the text and may still report its
	 * delivery.</li>
	 * <li>{@code false}: the request never reached the carrier (no free call slot, a
	 * connect failure or connect timeout) or the carrier answered that it did not take it
	 * (5xx, 408, 401).</li>
	 * </ul>
	 *
	 * @param reason what went wrong, for the log and, if retries run out, the status
	 * @param maybeTaken whether the carrier may have taken the text all the same
	 */
	record Transient(String reason, boolean maybeTaken) implements CarrierAnswer {

		public Transient {
			Objects.requireNonNull(reason, "reason");
		}

		/**
		 * A failure after which the carrier cannot have the text: it never got the
		 * request, or answered that it did not take it.
		 * @param reason what went wrong
		 * @return the answer
		 */
		public static Transient notTaken(String reason) {
			return new Transient(reason, false);
		}

		/**
		 * A request that went out without a usable answer: the carrier may have taken the
		 * text.
		 * @param reason what went wrong
		 * @return the answer
		 */
		public static Transient unanswered(String reason) {
			return new Transient(reason, true);
		}

	}

}
