package dev.smspipeline.dispatch.consent;

import dev.smspipeline.platform.kafka.InvalidRecord;

/**
 * A consent record (an opt-out change, a campaign event) this service refuses as it is:
 * dead-lettered at once, with {@link #reason()} in the dead letter's
 * {@value #REASON_HEADER} header, the code campaign-service gives the same record, so
 * whoever reads either DLT sees one reason.
 */
class RejectedConsentRecord extends IllegalArgumentException implements InvalidRecord {

	/** The dead letter's header with the short reason code. */
	static final String REASON_HEADER = "x-reason";

	/** An opt-out change without account, or without a valid recipient number. */
	static final String INVALID_OPT_OUT = "INVALID_OPT_OUT";

	private final String reason;

	RejectedConsentRecord(String reason, String message) {
		super(message);
		this.reason = reason;
	}

	String reason() {
		return this.reason;
	}

}
