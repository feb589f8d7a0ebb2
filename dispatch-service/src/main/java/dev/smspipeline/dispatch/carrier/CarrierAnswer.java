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
	 * The call failed in a way that says nothing about the text (a 5xx, a timeout, a
	 * connection error): the same call may well succeed later.
	 *
	 * @param reason what went wrong, for the log and, if retries run out, the status
	 */
	record Transient(String reason) implements CarrierAnswer {

		public Transient {
			Objects.requireNonNull(reason, "reason");
		}

	}

}
