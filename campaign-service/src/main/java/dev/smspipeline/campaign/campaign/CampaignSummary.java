package dev.smspipeline.campaign.campaign;

import java.time.Instant;

/**
 * One campaign in a page of {@code GET /api/v1/campaigns}.
 *
 * @param id its id
 * @param name its name
 * @param status its status
 * @param failureReason why it FAILED or was CANCELED, if so
 * @param recipients distinct recipients in its audience
 * @param createdAt created
 * @param updatedAt last changed
 */
public record CampaignSummary(String id, String name, String status, String failureReason, long recipients,
		Instant createdAt, Instant updatedAt) {

	static CampaignSummary of(Campaign campaign) {
		return new CampaignSummary(campaign.id().toString(), campaign.definition().name(), campaign.status().name(),
				campaign.failureReason(), campaign.audienceSize(), campaign.timeline().createdAt(),
				campaign.timeline().updatedAt());
	}

}
