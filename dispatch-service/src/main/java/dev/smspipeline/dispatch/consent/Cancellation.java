package dev.smspipeline.dispatch.consent;

import java.util.Objects;

import dev.smspipeline.events.MessageRequested;

/**
 * A campaign cancelled, or one recipient deleted from it: its texts not yet submitted end
 * CANCELED with {@code reasonCode}.
 *
 * @param campaignId the campaign
 * @param recipient the deleted lead's E.164, or {@code null} for the whole campaign
 * @param reasonCode {@code CAMPAIGN_CANCELED} or {@code LEAD_DELETED}
 */
public record Cancellation(String campaignId, String recipient, String reasonCode) {

	/** Reason code of a text whose campaign was cancelled. */
	public static final String CAMPAIGN_CANCELED = "CAMPAIGN_CANCELED";

	/** Reason code of a text whose lead was deleted from its campaign. */
	public static final String LEAD_DELETED = "LEAD_DELETED";

	public Cancellation {
		Objects.requireNonNull(campaignId, "campaignId");
		Objects.requireNonNull(reasonCode, "reasonCode");
	}

	/**
	 * Whether this cancellation covers {@code request}.
	 * @param request a text
	 * @return whether it must not go
	 */
	public boolean covers(MessageRequested request) {
		return this.campaignId.equals(request.getCampaignId())
				&& (this.recipient == null || this.recipient.equals(request.getRecipient()));
	}

}
