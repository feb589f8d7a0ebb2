package dev.smspipeline.schemas;

/**
 * Names of the topics the services share. The contract is fixed in docs/contracts.md; the
 * constants keep the spelling in one place.
 */
public final class Topics {

	/** Key: recipient E.164. Value: {@code MessageRequested}. */
	public static final String MESSAGE_REQUESTED = "sms.message-requested";

	/** Key: message id. Value: {@code DeliveryStatus}. The public stream. */
	public static final String DELIVERY_STATUS = "sms.delivery-status";

	/** Key: campaign id. Value: {@code CampaignEvent}. */
	public static final String CAMPAIGN_EVENTS = "sms.campaign-events";

	/** Any key. Value: {@code CrmSmsRequest}. */
	public static final String CRM_SMS_REQUESTS = "crm.sms-requests";

	/**
	 * Key: account id + ':' + recipient E.164 ({@link OptOutKey}). Value:
	 * {@code OptOutChange}. Compacted.
	 */
	public static final String OPT_OUTS = "sms.opt-outs";

	/**
	 * Key: account id. Value: {@code AccountState}, the account's whole state after each
	 * change. Compacted; every service that serves an API or sends reads it from the
	 * beginning.
	 */
	public static final String ACCOUNTS = "sms.accounts";

	/**
	 * Suffix of a topic's dead-letter topic: original bytes, with
	 * {@link DeadLetterHeaders}.
	 */
	public static final String DLT_SUFFIX = ".DLT";

	private Topics() {
	}

	public static String deadLetter(String topic) {
		return topic + DLT_SUFFIX;
	}

}
