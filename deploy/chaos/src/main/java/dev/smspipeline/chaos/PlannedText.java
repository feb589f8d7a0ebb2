package dev.smspipeline.chaos;

/**
 * One text of a chaos campaign.
 *
 * @param recipient the E.164 number
 * @param recipientClass what the carrier does with it
 * @param messageId the text's id, once the campaign exists ({@code null} before)
 */
record PlannedText(String recipient, RecipientClass recipientClass, String messageId) {

	PlannedText withMessageId(String messageId) {
		return new PlannedText(this.recipient, this.recipientClass, messageId);
	}

}
