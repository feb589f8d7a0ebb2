package dev.smspipeline.campaign.admission;

import java.time.Instant;

import dev.smspipeline.events.MessageStatus;

/**
 * What becomes of a text, as {@link AdmissionPolicy} decides it.
 */
public sealed interface Admission {

	/** The status published for a text this admission ends or holds it in. */
	MessageStatus status();

	/**
	 * The reason code published with the status.
	 * @return the code, or {@code null} for a text that goes out or is held
	 */
	default String reasonCode() {
		return null;
	}

	/**
	 * Goes to dispatch now.
	 *
	 * @param notBefore earliest submission, or {@code null}
	 * @param expiresAt not submitted after this
	 */
	record Send(Instant notBefore, Instant expiresAt) implements Admission {

		@Override
		public MessageStatus status() {
			return MessageStatus.REQUESTED;
		}

	}

	/**
	 * Held until {@code releaseAt}, then checked again.
	 *
	 * @param releaseAt when it may go out
	 * @param expiresAt when its validity ends
	 */
	record HoldUntil(Instant releaseAt, Instant expiresAt) implements Admission {

		@Override
		public MessageStatus status() {
			return MessageStatus.SCHEDULED;
		}

	}

	/**
	 * Refused by our own checks.
	 *
	 * @param code the reason code
	 * @param reason why, for a person
	 * @param rule the content rule it broke, or {@code null}
	 */
	record Reject(String code, String reason, String rule) implements Admission {

		@Override
		public String reasonCode() {
			return this.code;
		}

		@Override
		public MessageStatus status() {
			return MessageStatus.REJECTED;
		}

	}

	/**
	 * Its validity passes, or would pass, before it could go out.
	 *
	 * @param code the reason code
	 * @param reason why, for a person
	 * @param expiresAt when its validity ends
	 */
	record Expire(String code, String reason, Instant expiresAt) implements Admission {

		@Override
		public String reasonCode() {
			return this.code;
		}

		@Override
		public MessageStatus status() {
			return MessageStatus.EXPIRED;
		}

	}

	/**
	 * Not sent, by the account's own choice (smart sending).
	 *
	 * @param code the reason code
	 * @param reason why, for a person
	 */
	record Skip(String code, String reason) implements Admission {

		@Override
		public String reasonCode() {
			return this.code;
		}

		@Override
		public MessageStatus status() {
			return MessageStatus.CANCELED;
		}

	}

}
