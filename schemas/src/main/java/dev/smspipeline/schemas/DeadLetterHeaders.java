package dev.smspipeline.schemas;

/**
 * The headers of a record on a dead-letter topic ({@code <topic>.DLT}), besides Spring
 * Kafka's {@code kafka_dlt-*} ones (original topic, partition, offset, timestamp,
 * exception class, message and stack trace). The value is the original record's bytes,
 * its key the original key.
 */
public final class DeadLetterHeaders {

	/**
	 * Why the record was dead-lettered, a short code: {@value #UNREADABLE},
	 * {@value #PROCESSING_FAILED}, or the code a listener refused the record with (e.g.
	 * {@code UNKNOWN_ACCOUNT}, {@code INVALID_OPT_OUT}).
	 */
	public static final String REASON = "x-reason";

	/** The {@value #REASON} of a record whose key or value could not be deserialized. */
	public static final String UNREADABLE = "UNREADABLE";

	/**
	 * The {@value #REASON} of a record whose handling kept failing until retries gave up.
	 */
	public static final String PROCESSING_FAILED = "PROCESSING_FAILED";

	private DeadLetterHeaders() {
	}

}
