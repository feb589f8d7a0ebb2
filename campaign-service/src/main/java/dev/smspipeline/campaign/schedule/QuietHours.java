package dev.smspipeline.campaign.schedule;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours of the recipient's own day in which no marketing text is sent, e.g. 21:00 to
 * 08:00. The window may wrap midnight; its start is quiet, its end is not.
 *
 * @param enabled whether the window applies at all
 * @param start first quiet minute, local time
 * @param end first allowed minute after the window, local time
 */
public record QuietHours(boolean enabled, LocalTime start, LocalTime end) {

	/** docs/contracts.md's default: 21:00 to 08:00 in the recipient's zone. */
	public static final QuietHours DEFAULT = new QuietHours(true, LocalTime.of(21, 0), LocalTime.of(8, 0));

	/** No quiet hours: every minute is allowed. Declared after {@link #DEFAULT}. */
	public static final QuietHours OFF = new QuietHours(false, null, null);

	public QuietHours {
		if (enabled && (start == null || end == null || start.equals(end))) {
			throw new IllegalArgumentException("Quiet hours need a start and an end that differ");
		}
		start = (start != null) ? start : DEFAULT.start();
		end = (end != null) ? end : DEFAULT.end();
	}

	/**
	 * Whether {@code time} of day falls in the window.
	 * @param time a local time
	 * @return {@code true} when no text may go out then
	 */
	public boolean isQuiet(LocalTime time) {
		if (!this.enabled) {
			return false;
		}
		if (this.start.isBefore(this.end)) {
			return !time.isBefore(this.start) && time.isBefore(this.end);
		}
		return !time.isBefore(this.start) || time.isBefore(this.end);
	}

	/**
	 * The earliest instant at or after {@code instant} that is outside the window in
	 * {@code zone}: {@code instant} itself, or the end of the window it falls in.
	 * @param instant a candidate send time
	 * @param zone the recipient's zone
	 * @return when a text may go out
	 */
	public Instant nextAllowed(Instant instant, ZoneId zone) {
		ZonedDateTime local = instant.atZone(zone);
		if (!isQuiet(local.toLocalTime())) {
			return instant;
		}
		ZonedDateTime end = ZonedDateTime.of(local.toLocalDate(), this.end, zone);
		if (!end.isAfter(local)) {
			end = ZonedDateTime.of(local.toLocalDate().plusDays(1), this.end, zone);
		}
		return end.toInstant();
	}

}
