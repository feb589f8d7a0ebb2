package dev.smspipeline.campaign.campaign;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The {@code campaign_message} table: one row per text of a campaign, with its
 * {@link MessageState}.
 */
public final class CampaignTexts {

	private CampaignTexts() {
	}

	/**
	 * The id of a campaign's text to a number: the same however often it is computed.
	 * @param campaignId the campaign
	 * @param phoneKey the E.164 number (or the number as given, when unreadable)
	 * @return the text's id
	 */
	public static UUID messageId(UUID campaignId, String phoneKey) {
		return UUID.nameUUIDFromBytes((campaignId + ":" + phoneKey).getBytes(StandardCharsets.UTF_8));
	}

}
