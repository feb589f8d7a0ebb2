package dev.smspipeline.campaign.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;

import dev.smspipeline.campaign.schedule.QuietHours;
import dev.smspipeline.events.CampaignStatus;

/**
 * One row of {@code campaign}.
 *
 * @param id its id
 * @param accountId the account it belongs to
 * @param definition what the user asked for
 * @param status where it is in its lifecycle
 * @param failureReason why it FAILED, or how it ended
 * @param version bumped by every transition
 * @param audienceSize distinct recipients in its audience
 * @param duplicates recipients dropped because their number was already in the audience
 * @param startAt when processing starts (set on activation)
 * @param processedKey how far processing got through the audience
 * @param finalCounts what status-service counted when it completed
 * @param timeline when it changed
 */
public record Campaign(UUID id, String accountId, Definition definition, CampaignStatus status, String failureReason,
		int version, long audienceSize, long duplicates, Instant startAt, String processedKey,
		Map<String, Long> finalCounts, Timeline timeline) {

	/**
	 * What a campaign sends and when, as validated from a request.
	 *
	 * @param name a name for people
	 * @param body template with {@code {{name}}} placeholders
	 * @param sender From number, or {@code null} for the account's default
	 * @param sendAt one instant for all, or {@code null}
	 * @param sendAtLocalTime a time of day in each recipient's zone, or {@code null}
	 * @param quietHours when not to send, in the recipient's zone
	 * @param validity how long a text stays valid from its intended time
	 * @param smartSendingWindow skip a recipient who got a campaign text of the account
	 * within this, or {@code null}
	 * @param segments SMS segments of the body with its placeholders empty
	 */
	public record Definition(String name, String body, String sender, Instant sendAt, LocalTime sendAtLocalTime,
			QuietHours quietHours, Duration validity, Duration smartSendingWindow, int segments) {
	}

	/**
	 * When a campaign changed.
	 *
	 * @param createdAt created
	 * @param updatedAt last changed
	 * @param activatedAt last activated
	 * @param processingAt processing began
	 * @param sendingAt every text was scheduled
	 * @param sentAt every text was released
	 * @param doneAt completed
	 * @param canceledAt canceled
	 * @param failedAt failed
	 */
	public record Timeline(Instant createdAt, Instant updatedAt, Instant activatedAt, Instant processingAt,
			Instant sendingAt, Instant sentAt, Instant doneAt, Instant canceledAt, Instant failedAt) {
	}

}
