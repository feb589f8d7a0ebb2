package dev.smspipeline.status.query;

import java.time.Instant;
import java.util.Map;

/**
 * Answer to {@code GET /api/v1/campaigns/{id}/stats}, and an item of
 * {@code GET /api/v1/campaigns}: read from the campaign's maintained counters, never by
 * counting texts.
 *
 * @param campaignId the campaign's id
 * @param counts texts per bucket ({@code inQueue}, {@code outbox}, {@code delivered},
 * {@code error}, {@code deliveryUnknown}, {@code canceled}, {@code deleted}) and their
 * {@code total}
 * @param firstSubmittedAt when the first of its texts was handed to the carrier
 * @param lastSubmittedAt when the last of its texts was handed to the carrier
 * @param createdAt when its first text was requested (the list's order, newest first)
 * @param completion how far the campaign is from done
 */
public record CampaignStats(String campaignId, Map<String, Long> counts, Instant firstSubmittedAt,
		Instant lastSubmittedAt, Instant createdAt, Completion completion) {

	/**
	 * How far the campaign is from done.
	 *
	 * @param state {@code OPEN} (campaign-service has not announced that it released all
	 * its texts), {@code RELEASED} (it has: the campaign completes when they are all
	 * final or the delivery window passed), {@code COMPLETED} (the completion event was
	 * published)
	 * @param released how many texts campaign-service released, once announced
	 * @param campaignStatus the latest lifecycle status campaign-service announced, if
	 * any
	 * @param completedAt when it completed
	 * @param reason why: {@code ALL_TERMINAL} or {@code DELIVERY_WINDOW_PASSED}
	 */
	public record Completion(String state, Long released, String campaignStatus, Instant completedAt, String reason) {

	}

}
