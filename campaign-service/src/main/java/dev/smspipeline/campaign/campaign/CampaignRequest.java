package dev.smspipeline.campaign.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.smspipeline.campaign.audience.Recipient;

/**
 * Body of {@code POST /api/v1/campaigns}, and what a {@code PATCH} merges into.
 *
 * @param name a name for people (required)
 * @param body template with {@code {{firstName}}}-style placeholders filled from each
 * recipient's attributes (required)
 * @param sender From number; the account's default when absent
 * @param recipients inline audience; a CSV upload can add to it
 * @param sendAt one ISO-8601 instant for every recipient; absent: as soon as activated
 * @param sendAtLocalTime {@code HH:mm} in each recipient's own zone, instead of
 * {@code sendAt}
 * @param quietHours {@code {"enabled": true, "start": "21:00", "end": "08:00"}} by
 * default, in the recipient's zone; {@code {"enabled": false}} turns it off
 * @param validity ISO-8601 duration a text stays sendable from its intended time (default
 * {@code PT4H})
 * @param smartSendingWindow ISO-8601 duration: skip a recipient who got a campaign text
 * of this account within it (default off)
 */
public record CampaignRequest(String name, String body, String sender, List<Recipient> recipients, Instant sendAt,
		String sendAtLocalTime, QuietHoursRequest quietHours, Duration validity, Duration smartSendingWindow) {

	/**
	 * Quiet hours as a request gives them.
	 *
	 * @param enabled {@code false} turns quiet hours off; default {@code true}
	 * @param start {@code HH:mm}, default {@code 21:00}
	 * @param end {@code HH:mm}, default {@code 08:00}
	 */
	public record QuietHoursRequest(Boolean enabled, String start, String end) {
	}

}
