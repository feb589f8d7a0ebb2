package dev.smspipeline.platform.kafka.deadletter;

import dev.smspipeline.platform.kafka.InvalidRecord;
import dev.smspipeline.schemas.DeadLetterHeaders;

/**
 * A record a listener refuses as it is: retrying cannot help, so every listener container
 * built by {@link ListenerContainers} sends it to its dead-letter topic at once, with
 * {@link #reason()} in the {@value DeadLetterHeaders#REASON} header and the message in
 * Spring's {@code kafka_dlt-exception-message}; counted as a {@code VALIDATION} dead
 * letter. Services give the same record the same code, so whoever reads any DLT sees one
 * reason.
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

	/**
	 * The short code for the {@value DeadLetterHeaders#REASON} header.
	 * @return the code
	 */
	public String reason() {
		return this.reason;
	}

}
