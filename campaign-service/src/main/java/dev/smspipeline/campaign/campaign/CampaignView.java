package dev.smspipeline.campaign.campaign;

import java.time.Instant;
import java.util.Map;

/**
 * A campaign as {@code GET /api/v1/campaigns/{id}} shows it.
 *
 * @param id its id
 * @param name its name
 * @param status DRAFT, SCHEDULED, PROCESSING, SENDING, SENT, DONE, FAILED or CANCELED
 * @param failureReason why it FAILED, was CANCELED, or how it completed
 * @param body the template
 * @param sender From number, absent for the account's default
 * @param sendAt the instant it sends at, if one
 * @param sendAtLocalTime the time of day it sends at in each recipient's zone, if one
 * @param quietHours its quiet hours
 * @param validity how long a text stays sendable
 * @param smartSendingWindow its smart sending window, if any
 * @param audience its audience
 * @param segments SMS segments
 * @param progress how far sending got: texts in all, released to dispatch, submitted to
 * the carrier, and remaining (neither submitted nor ended)
 * @param counts its texts per bucket, as campaign-service knows them
 * @param finalCounts the texts per bucket status-service counted when it completed it
 * @param createdAt created
 * @param updatedAt last changed
 * @param activatedAt last activated
 * @param processingAt processing began
 * @param sendingAt every text was scheduled
 * @param sentAt every text was handed to dispatch
 * @param completedAt DONE
 * @param canceledAt canceled
 * @param failedAt failed
 */
public record CampaignView(String id, String name, String status, String failureReason, String body, String sender,
		Instant sendAt, String sendAtLocalTime, QuietHoursView quietHours, String validity, String smartSendingWindow,
		AudienceView audience, SegmentsView segments, ProgressView progress, Map<String, Long> counts,
		Map<String, Long> finalCounts, Instant createdAt, Instant updatedAt, Instant activatedAt, Instant processingAt,
		Instant sendingAt, Instant sentAt, Instant completedAt, Instant canceledAt, Instant failedAt) {

	static CampaignView of(Campaign campaign, CampaignCounts counts) {
		Campaign.Definition definition = campaign.definition();
		Campaign.Timeline timeline = campaign.timeline();
		return new CampaignView(campaign.id().toString(), definition.name(), campaign.status().name(),
				campaign.failureReason(), definition.body(), definition.sender(), definition.sendAt(),
				(definition.sendAtLocalTime() != null)
						? CampaignRequests.TIME_OF_DAY.format(definition.sendAtLocalTime()) : null,
				new QuietHoursView(definition.quietHours().enabled(),
						CampaignRequests.TIME_OF_DAY.format(definition.quietHours().start()),
						CampaignRequests.TIME_OF_DAY.format(definition.quietHours().end())),
				definition.validity().toString(),
				(definition.smartSendingWindow() != null) ? definition.smartSendingWindow().toString() : null,
				new AudienceView(campaign.audienceSize(), campaign.duplicates()),
				new SegmentsView(definition.segments(), counts.segments()),
				new ProgressView(counts.total(), counts.released(), counts.of(MessageState.SUBMITTED),
						counts.remaining()),
				counts.asMap(), campaign.finalCounts(), timeline.createdAt(), timeline.updatedAt(),
				timeline.activatedAt(), timeline.processingAt(), timeline.sendingAt(), timeline.sentAt(),
				timeline.doneAt(), timeline.canceledAt(), timeline.failedAt());
	}

	/**
	 * Quiet hours, local time in each recipient's zone.
	 *
	 * @param enabled whether they apply
	 * @param start first quiet minute
	 * @param end first allowed minute
	 */
	public record QuietHoursView(boolean enabled, String start, String end) {
	}

	/**
	 * How far sending got. A campaign is SENDING while {@code remaining} is above zero,
	 * and SENT once every text was submitted to the carrier or ended.
	 *
	 * @param total every text of the campaign
	 * @param released texts handed to dispatch
	 * @param submitted texts dispatch handed to the carrier
	 * @param remaining texts neither submitted nor ended: held here or in dispatch
	 */
	public record ProgressView(long total, long released, long submitted, long remaining) {
	}

	/**
	 * The audience.
	 *
	 * @param recipients distinct recipients
	 * @param duplicates entries dropped because their number was already in it
	 */
	public record AudienceView(long recipients, long duplicates) {
	}

	/**
	 * SMS segments.
	 *
	 * @param perMessage segments of the body with its placeholders empty
	 * @param total segments of every text held or released
	 */
	public record SegmentsView(int perMessage, long total) {
	}

}
