package dev.smspipeline.campaign.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendTimesTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	private static final Duration FOUR_HOURS = Duration.ofHours(4);

	// 07:00 EST, 06:00 CST, 04:00 PST
	private static final Instant MORNING = Instant.parse("2030-01-15T12:00:00Z");

	@Test
	void sendsAtTenLocalInNewYorkChicagoAndLosAngeles() {
		assertThat(release(LocalTime.of(10, 0), NEW_YORK)).isEqualTo(Instant.parse("2030-01-15T15:00:00Z"));
		assertThat(release(LocalTime.of(10, 0), CHICAGO)).isEqualTo(Instant.parse("2030-01-15T16:00:00Z"));
		assertThat(release(LocalTime.of(10, 0), LOS_ANGELES)).isEqualTo(Instant.parse("2030-01-15T18:00:00Z"));
	}

	@Test
	void sendsALocalTimeThatHasPassedTodayTomorrow() {
		assertThat(release(LocalTime.of(6, 30), NEW_YORK)).isEqualTo(Instant.parse("2030-01-16T13:00:00Z"));
	}

	@Test
	void sendsALocalTimeForANumberInSeveralZonesWhenItHasStruckInAll() {
		assertThat(SendTimes.atLocalTime(LocalTime.of(10, 0), MORNING, List.of(NEW_YORK, LOS_ANGELES)))
			.isEqualTo(Instant.parse("2030-01-15T18:00:00Z"));
	}

	@Test
	void pushesOutOfQuietHoursInEveryZoneOfTheNumber() {
		// 21:30 in Chicago is quiet, 19:30 in Los Angeles is not: 08:00 in Chicago, 06:00
		// in
		// Los Angeles is quiet there, so 08:00 in Los Angeles.
		Instant evening = Instant.parse("2030-01-16T03:30:00Z");
		assertThat(SendTimes.allowed(evening, QuietHours.DEFAULT, List.of(CHICAGO, LOS_ANGELES)))
			.isEqualTo(Instant.parse("2030-01-16T16:00:00Z"));
	}

	@Test
	void findsNoTimeWhenTheZonesAllowedHoursNeverOverlap() {
		QuietHours long_ = new QuietHours(true, LocalTime.of(12, 0), LocalTime.of(11, 0));
		assertThat(SendTimes.allowed(MORNING, long_, List.of(NEW_YORK, ZoneId.of("Asia/Tokyo")))).isNull();
	}

	@Test
	void sendsAtOnceWithoutASchedule() {
		SendTimes.Plan plan = SendTimes.plan(Instant.parse("2030-01-15T17:00:00Z"), null, null, QuietHours.DEFAULT,
				FOUR_HOURS, List.of(NEW_YORK));
		assertThat(plan).isEqualTo(new SendTimes.Plan.Release(Instant.parse("2030-01-15T17:00:00Z"),
				Instant.parse("2030-01-15T21:00:00Z")));
	}

	@Test
	void sendsAtSendAtWhenItIsLater() {
		Instant sendAt = Instant.parse("2030-01-15T19:00:00Z");
		assertThat(SendTimes.plan(MORNING, sendAt, null, QuietHours.DEFAULT, FOUR_HOURS, List.of(NEW_YORK)))
			.isEqualTo(new SendTimes.Plan.Release(sendAt, sendAt.plus(FOUR_HOURS)));
	}

	@Test
	void expiresATextThatQuietHoursWouldHoldPastItsValidity() {
		// 22:00 EST; quiet until 08:00, ten hours away.
		SendTimes.Plan plan = SendTimes.plan(Instant.parse("2030-01-16T03:00:00Z"), null, null, QuietHours.DEFAULT,
				FOUR_HOURS, List.of(NEW_YORK));
		assertThat(plan).isInstanceOf(SendTimes.Plan.Expire.class);
		assertThat(((SendTimes.Plan.Expire) plan).reasonCode()).isEqualTo(SendTimes.QUIET_HOURS_OUTLAST_VALIDITY);
	}

	@Test
	void holdsATextThroughQuietHoursWhenItStaysValid() {
		SendTimes.Plan plan = SendTimes.plan(Instant.parse("2030-01-16T03:00:00Z"), null, null, QuietHours.DEFAULT,
				Duration.ofHours(12), List.of(NEW_YORK));
		assertThat(plan).isEqualTo(new SendTimes.Plan.Release(Instant.parse("2030-01-16T13:00:00Z"),
				Instant.parse("2030-01-16T15:00:00Z")));
	}

	private static Instant release(LocalTime localTime, ZoneId zone) {
		return ((SendTimes.Plan.Release) SendTimes.plan(MORNING, null, localTime, QuietHours.DEFAULT, FOUR_HOURS,
				List.of(zone)))
			.releaseAt();
	}

}
