package dev.smspipeline.campaign.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * When one text of a campaign may go out: pure functions of the campaign's schedule, the
 * recipient's zones and the current time.
 *
 * <ul>
 * <li><b>Intended time:</b> {@code sendAt}, or the next {@code sendAtLocalTime} in the
 * recipient's zone at or after the campaign started; when the number spans several zones,
 * the latest of them, so it is never early anywhere. Never before the campaign
 * started.</li>
 * <li><b>Quiet hours</b> push it to the first minute that is outside the window in every
 * one of the recipient's zones.</li>
 * <li><b>Validity</b> runs from the intended time: a text that quiet hours would hold
 * past its validity ends EXPIRED instead.</li>
 * </ul>
 */
public final class SendTimes {

	/** Reason code of a text that quiet hours would hold past its validity. */
	public static final String QUIET_HOURS_OUTLAST_VALIDITY = "QUIET_HOURS_OUTLAST_VALIDITY";

	/** Reason code of a text whose validity passed before it could be released. */
	public static final String VALIDITY_PASSED = "VALIDITY_PASSED";

	private static final int MAX_ROUNDS = 8;

	private SendTimes() {
	}

	/**
	 * Plans one text.
	 * @param startedAt when the campaign started (activation, or its {@code sendAt})
	 * @param sendAt the campaign's instant, or {@code null}
	 * @param localTime the campaign's local time of day, or {@code null}
	 * @param quietHours the campaign's quiet hours
	 * @param validity how long a text stays valid from its intended time
	 * @param zones the recipient's zones, not empty
	 * @return when to release it, or why it expires instead
	 */
	public static Plan plan(Instant startedAt, Instant sendAt, LocalTime localTime, QuietHours quietHours,
			Duration validity, List<ZoneId> zones) {
		Instant intended = (localTime != null) ? atLocalTime(localTime, startedAt, zones)
				: ((sendAt != null && sendAt.isAfter(startedAt)) ? sendAt : startedAt);
		Instant expiresAt = intended.plus(validity);
		Instant allowed = allowed(intended, quietHours, zones);
		if (allowed == null) {
			return new Plan.Expire(QUIET_HOURS_OUTLAST_VALIDITY, "no minute is outside quiet hours in all of " + zones,
					expiresAt);
		}
		if (!allowed.isBefore(expiresAt)) {
			return new Plan.Expire(QUIET_HOURS_OUTLAST_VALIDITY, "quiet hours hold it until " + describe(allowed, zones)
					+ ", after its validity of " + validity + " ends", expiresAt);
		}
		return new Plan.Release(allowed, expiresAt);
	}

	/**
	 * The next time {@code localTime} strikes at or after {@code from}, in the zone where
	 * it strikes last.
	 * @param localTime a time of day
	 * @param from not before this
	 * @param zones the recipient's zones
	 * @return the instant
	 */
	public static Instant atLocalTime(LocalTime localTime, Instant from, List<ZoneId> zones) {
		Instant latest = null;
		for (ZoneId zone : zones) {
			ZonedDateTime now = from.atZone(zone);
			ZonedDateTime at = ZonedDateTime.of(now.toLocalDate(), localTime, zone);
			if (at.isBefore(now)) {
				at = ZonedDateTime.of(now.toLocalDate().plusDays(1), localTime, zone);
			}
			if (latest == null || at.toInstant().isAfter(latest)) {
				latest = at.toInstant();
			}
		}
		return latest;
	}

	/**
	 * The first instant at or after {@code instant} outside quiet hours in every zone.
	 * @param instant a candidate
	 * @param quietHours the window
	 * @param zones the recipient's zones
	 * @return the instant, or {@code null} when the zones' allowed hours never overlap
	 */
	public static Instant allowed(Instant instant, QuietHours quietHours, List<ZoneId> zones) {
		if (!quietHours.enabled()) {
			return instant;
		}
		Instant candidate = instant;
		for (int round = 0; round < MAX_ROUNDS; round++) {
			Instant before = candidate;
			for (ZoneId zone : zones) {
				candidate = quietHours.nextAllowed(candidate, zone);
			}
			if (candidate.equals(before)) {
				return candidate;
			}
		}
		return null;
	}

	private static String describe(Instant instant, List<ZoneId> zones) {
		return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zones.get(0))) + " (" + zones.get(0) + ")";
	}

	/** What becomes of one text. */
	public sealed interface Plan {

		/**
		 * Held until {@code releaseAt}.
		 *
		 * @param releaseAt when it may go out
		 * @param expiresAt when its validity ends
		 */
		record Release(Instant releaseAt, Instant expiresAt) implements Plan {
		}

		/**
		 * Ends EXPIRED without being sent.
		 *
		 * @param reasonCode why, as a code
		 * @param reason why, for a person
		 * @param expiresAt when its validity ends
		 */
		record Expire(String reasonCode, String reason, Instant expiresAt) implements Plan {
		}

	}

}
