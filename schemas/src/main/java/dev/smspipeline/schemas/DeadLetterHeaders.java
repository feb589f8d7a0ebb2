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

	/**
	 * The {@value #REASON} of an {@code sms.opt-outs} record no consumer can apply: not
	 * an {@code OptOutChange}, no account, a recipient that is no E.164 number, or a
	 * tombstone whose key is no {@link OptOutKey}.
	 */
	public static final String INVALID_OPT_OUT = "INVALID_OPT_OUT";

	/**
	 * The {@value #REASON} of an {@code sms.campaign-events} record that reads as another
	 * type than {@code CampaignEvent}.
	 */
	public static final String NOT_A_CAMPAIGN_EVENT = "NOT_A_CAMPAIGN_EVENT";

	private DeadLetterHeaders() {
	}

}
