package dev.smspipeline.campaign.message;

import jakarta.validation.constraints.NotBlank;

/**
 * Body of {@code POST /api/v1/messages}.
 *
 * @param recipient phone number, E.164 preferred
 * @param body the text
 * @param sender From number; the account's default when absent
 * @param campaignId campaign to count the text under, if any
 * @param respectQuietHours whether to hold the text through the recipient's quiet hours
 * @param allowDuplicate {@code true} sends the text even when the same body went to the
 * same number within the duplicate window
 */
public record SendMessageRequest(@NotBlank(message = "is required") String recipient,
		@NotBlank(message = "is required") String body, String sender, String campaignId, Boolean respectQuietHours,
		Boolean allowDuplicate) {

	OneOffRequest toOneOff() {
		return new OneOffRequest(this.recipient, this.body, this.sender, this.campaignId,
				Boolean.TRUE.equals(this.allowDuplicate), null, null);
	}

}
