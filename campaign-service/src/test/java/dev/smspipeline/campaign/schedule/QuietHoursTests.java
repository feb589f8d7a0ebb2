package dev.smspipeline.campaign.schedule;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QuietHoursTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private final QuietHours defaults = QuietHours.DEFAULT;

	@Test
	void treatsTheWindowAsWrappingMidnight() {
		assertThat(this.defaults.isQuiet(LocalTime.of(21, 0))).isTrue();
		assertThat(this.defaults.isQuiet(LocalTime.of(23, 59))).isTrue();
		assertThat(this.defaults.isQuiet(LocalTime.of(0, 0))).isTrue();
		assertThat(this.defaults.isQuiet(LocalTime.of(7, 59))).isTrue();
		assertThat(this.defaults.isQuiet(LocalTime.of(8, 0))).isFalse();
		assertThat(this.defaults.isQuiet(LocalTime.of(20, 59))).isFalse();
	}

	@Test
	void handlesAWindowWithinOneDay() {
		QuietHours lunch = new QuietHours(true, LocalTime.of(12, 0), LocalTime.of(13, 0));
		assertThat(lunch.isQuiet(LocalTime.of(12, 30))).isTrue();
		assertThat(lunch.isQuiet(LocalTime.of(13, 0))).isFalse();
		assertThat(lunch.isQuiet(LocalTime.of(11, 59))).isFalse();
	}

	@Test
	void isNeverQuietWhenDisabled() {
		assertThat(new QuietHours(false, LocalTime.of(21, 0), LocalTime.of(8, 0)).isQuiet(LocalTime.of(23, 0)))
			.isFalse();
	}

	@Test
	void pushesALateEveningToEightTheNextMorning() {
		// 22:30 EST
		assertThat(this.defaults.nextAllowed(Instant.parse("2030-01-15T03:30:00Z"), NEW_YORK))
			.isEqualTo(Instant.parse("2030-01-15T13:00:00Z"));
	}

	@Test
	void pushesAnEarlyMorningToEightTheSameMorning() {
		// 05:10 EST
		assertThat(this.defaults.nextAllowed(Instant.parse("2030-01-15T10:10:00Z"), NEW_YORK))
			.isEqualTo(Instant.parse("2030-01-15T13:00:00Z"));
	}

	@Test
	void leavesAnAllowedTimeAlone() {
		Instant noon = Instant.parse("2030-01-15T17:00:00Z");
		assertThat(this.defaults.nextAllowed(noon, NEW_YORK)).isEqualTo(noon);
	}

	@Test
	void followsDaylightSavingTime() {
		// 23:00 EDT on the night before the clocks go back: 08:00 EST is 13:00Z.
		assertThat(this.defaults.nextAllowed(Instant.parse("2030-11-03T03:00:00Z"), NEW_YORK))
			.isEqualTo(Instant.parse("2030-11-03T13:00:00Z"));
	}

	@Test
	void refusesAnEmptyWindow() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QuietHours(true, LocalTime.of(9, 0), LocalTime.of(9, 0)));
	}

}
