package dev.smspipeline.bench;

/**
 * The public entry point a text is requested through.
 */
enum Via {

	/** {@code POST /api/v1/messages}. */
	REST,

	/** A {@code CrmSmsRequest} on {@code crm.sms-requests}. */
	KAFKA,

	/** Every other text through each. */
	MIXED;

	boolean restFor(int seq) {
		return this == REST || (this == MIXED && seq % 2 == 0);
	}

}
