package dev.smspipeline.schemas;

import java.time.Instant;

import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.MessageStatus;

/**
 * The deterministic {@code eventId} of every event the services publish: derived only
 * from what the event is about, so publishing it again (after a crash, a redelivery, a
 * carrier's repeated callback) yields the same id, and readers (the status store first)
 * recognise the repeat. The ids are part of the topics' contract: ids already written
 * must never change, so each kind of event has one method here and one spelling.
 */
public final class EventIds {

	private static final String SEPARATOR = ":";

	private EventIds() {
	}

	/**
	 * A status campaign-service decides for a text (requested, rejected, canceled,
	 * expired, ...).
	 * @param messageId the text
	 * @param status the status
	 * @return {@code <messageId>:<status>}
	 */
	public static String textStatus(String messageId, MessageStatus status) {
		return join(messageId, status.name());
	}

	/**
	 * A text held ({@code SCHEDULED}) until a release time, e.g. through quiet hours.
	 * @param messageId the text
	 * @param releaseAt when it is released
	 * @return {@code <messageId>:SCHEDULED:<releaseAt epoch millis>}
	 */
	public static String held(String messageId, Instant releaseAt) {
		return join(messageId, MessageStatus.SCHEDULED.name(), Long.toString(releaseAt.toEpochMilli()));
	}

	/**
	 * A status dispatch publishes about one create call to the carrier.
	 * @param messageId the text
	 * @param status the status
	 * @param attempt the create call it belongs to (0: none yet)
	 * @return {@code <messageId>:<status>:<attempt>}
	 */
	public static String dispatchStatus(String messageId, MessageStatus status, int attempt) {
		return join(messageId, status.name(), Integer.toString(attempt));
	}

	/**
	 * A status dispatch publishes for a reason independent of the attempt (a processing
	 * failure comes at a different attempt from one delivery to the next).
	 * @param messageId the text
	 * @param status the status
	 * @param reasonCode the reason
	 * @return {@code <messageId>:<status>:<reasonCode>}
	 */
	public static String dispatchStatus(String messageId, MessageStatus status, String reasonCode) {
		return join(messageId, status.name(), reasonCode);
	}

	/**
	 * The opt-out dispatch publishes when the carrier refuses a text because its
	 * recipient unsubscribed.
	 * @param messageId the refused text
	 * @param carrierErrorCode the carrier's error code (21610)
	 * @return {@code <messageId>:OPT_OUT:<carrierErrorCode>}
	 */
	public static String carrierOptOut(String messageId, String carrierErrorCode) {
		return join(messageId, "OPT_OUT", carrierErrorCode);
	}

	/**
	 * A status from a carrier's status callback.
	 * @param messageSid the carrier's message id
	 * @param status the status it maps to
	 * @param errorCode the carrier's error code, or {@code null}
	 * @return {@code <messageSid>:<status>}, plus {@code :<errorCode>} when there is one
	 */
	public static String carrierCallback(String messageSid, MessageStatus status, String errorCode) {
		String id = join(messageSid, status.name());
		return (errorCode != null) ? join(id, errorCode) : id;
	}

	/**
	 * A text aged into {@code DELIVERY_UNKNOWN}: no final callback within the window.
	 * @param messageId the text
	 * @return {@code <messageId>:DELIVERY_UNKNOWN}
	 */
	public static String deliveryUnknown(String messageId) {
		return textStatus(messageId, MessageStatus.DELIVERY_UNKNOWN);
	}

	/**
	 * An opt-out change from a lead's reply (STOP, START) for one of the accounts it
	 * belongs to.
	 * @param messageSid the carrier's id of the reply, or {@code null} or blank
	 * @param keyword the keyword, as the reply spelt it after normalisation
	 * @param from the lead's number, as the carrier sent it
	 * @param to the sender number replied to, as the carrier sent it
	 * @param receivedAt when the reply came (used only without a message sid)
	 * @param accountId the account
	 * @return {@code <messageSid>:<accountId>}, or without a sid
	 * {@code <keyword>:<from>:<to>:<receivedAt epoch millis>:<accountId>}
	 */
	public static String inboundReply(String messageSid, String keyword, String from, String to, Instant receivedAt,
			String accountId) {
		String reply = (messageSid != null && !messageSid.isBlank()) ? messageSid.strip()
				: join(keyword, from.strip(), to.strip(), Long.toString(receivedAt.toEpochMilli()));
		return join(reply, accountId);
	}

	/**
	 * A campaign's lifecycle event: one per version the campaign reaches.
	 * @param campaignId the campaign
	 * @param version its version after the change
	 * @return {@code <campaignId>:<version>}
	 */
	public static String campaignTransition(String campaignId, int version) {
		return join(campaignId, Integer.toString(version));
	}

	/**
	 * A lead deleted from a running campaign.
	 * @param campaignId the campaign
	 * @param recipient the lead's E.164
	 * @return {@code <campaignId>:RECIPIENT_DELETED:<recipient>}
	 */
	public static String recipientDeleted(String campaignId, String recipient) {
		return join(campaignId, CampaignEventType.RECIPIENT_DELETED.name(), recipient);
	}

	/**
	 * A campaign completed ({@code DONE}); it completes once.
	 * @param campaignId the campaign
	 * @return {@code <campaignId>:COMPLETED}
	 */
	public static String campaignCompleted(String campaignId) {
		return join(campaignId, CampaignEventType.COMPLETED.name());
	}

	private static String join(String... parts) {
		return String.join(SEPARATOR, parts);
	}

}
