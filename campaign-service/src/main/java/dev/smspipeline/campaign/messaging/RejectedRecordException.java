package dev.smspipeline.campaign.messaging;

import dev.smspipeline.platform.kafka.InvalidRecord;

/**
 * A record a listener can never process: retrying cannot help, so it goes to its
 * dead-letter topic at once, with {@link #reason()} in the {@value DeadLetters#REASON}
 * header and the message in Spring's {@code kafka_dlt-exception-message}; counted as a
 * {@code VALIDATION} dead letter.
 */
public class RejectedRecordException extends RuntimeException implements InvalidRecord {

	private final String reason;

	/**
	 * @param reason a short code, e.g. {@code UNKNOWN_ACCOUNT}
	 * @param message what is wrong, for a person to read
	 */
	public RejectedRecordException(String reason, String message) {
		super(message);
		this.reason = reason;
	}

	/** The short code for the {@value DeadLetters#REASON} header. */
	public String reason() {
		return this.reason;
	}

}
