package dev.smspipeline.campaign.recipient;

import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeZonesTests {

	private final TimeZones timeZones = new TimeZones(
			new RecipientSettings(Set.of("US", "CA"), "US", ZoneId.of("America/New_York")));

	@Test
	void placesNumbersByTheirAreaCode() {
		assertThat(this.timeZones.of("+12125550100")).containsExactly(ZoneId.of("America/New_York"));
		assertThat(this.timeZones.of("+13125550100")).containsExactly(ZoneId.of("America/Chicago"));
		assertThat(this.timeZones.of("+12135550100")).containsExactly(ZoneId.of("America/Los_Angeles"));
	}

	@Test
	void fallsBackToTheDefaultZone() {
		assertThat(this.timeZones.of("not a number")).containsExactly(ZoneId.of("America/New_York"));
	}

	@Test
	void readsOnlyRealZoneIds() {
		assertThat(TimeZones.parse("America/Chicago")).contains(ZoneId.of("America/Chicago"));
		assertThat(TimeZones.parse("Mars/Olympus")).isEmpty();
		assertThat(TimeZones.parse(" ")).isEmpty();
	}

}
