package dev.smspipeline.campaign.admission;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import dev.smspipeline.campaign.schedule.QuietHours;

/**
 * When a text could go out, as each path knows it.
 */
public sealed interface Timing {

	/**
	 * A one-off text: goes out now, or is held until the time asked for or the end of the
	 * recipient's quiet hours.
	 *
	 * @param now the current time
	 * @param requestedAt when it was requested (a CRM record's {@code requestedAt}, else
	 * the record's timestamp), or {@code null} for now
	 * @param notBefore the time asked for ({@code sendAt}), or {@code null}
	 * @param validity how long it stays valid from when it was to go out: the later of
	 * {@code requestedAt} and {@code notBefore}
	 * @param quietHours the quiet hours it respects (disabled unless the request asked to
	 * respect them)
	 * @param zones the recipient's zones (may be empty when quiet hours are disabled)
	 */
	record OnRequest(Instant now, Instant requestedAt, Instant notBefore, Duration validity, QuietHours quietHours,
			List<ZoneId> zones) implements Timing {

		/** A text that may go out at once, requested now, without quiet hours. */
		public OnRequest(Instant now, Instant notBefore, Duration validity) {
			this(now, null, notBefore, validity, QuietHours.OFF, List.of());
		}

	}

	/**
	 * A campaign text being created: its campaign's schedule and the recipient's zones.
	 *
	 * @param startedAt when the campaign started
	 * @param sendAt the campaign's instant, or {@code null}
	 * @param sendAtLocalTime the campaign's local time of day, or {@code null}
	 * @param quietHours the campaign's quiet hours
	 * @param validity how long a text stays valid from its intended time
	 * @param zones the recipient's zones, not empty
	 */
	record Scheduled(Instant startedAt, Instant sendAt, LocalTime sendAtLocalTime, QuietHours quietHours,
			Duration validity, List<ZoneId> zones) implements Timing {
	}

	/**
	 * A held campaign text whose release time came.
	 *
	 * @param now the current time
	 * @param releaseAt when it was to be released
	 * @param expiresAt when its validity ends
	 * @param quietHours the campaign's quiet hours
	 * @param zones the recipient's zones
	 */
	record Due(Instant now, Instant releaseAt, Instant expiresAt, QuietHours quietHours,
			List<ZoneId> zones) implements Timing {
	}

}
