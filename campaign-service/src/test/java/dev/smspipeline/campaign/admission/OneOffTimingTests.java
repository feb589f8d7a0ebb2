package dev.smspipeline.campaign.admission;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smspipeline.campaign.schedule.QuietHours;
import dev.smspipeline.campaign.schedule.SendTimes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a one-off text goes out: now, held here until its {@code sendAt} or the end of the
 * recipient's quiet hours, or EXPIRED; decided at intake ({@link Timing.OnRequest}) and
 * again at release ({@link Timing.Due}) as the clock moves.
 */
class OneOffTimingTests {

	private static final Duration VALIDITY = Duration.ofHours(4);

	private static final List<ZoneId> NEW_YORK = List.of(ZoneId.of("America/New_York"));

	/** 07:37 in New York, in quiet hours (21:00 to 08:00). */
	private static final Instant SEVEN_THIRTY_SEVEN = Instant.parse("2034-01-16T12:37:00Z");

	/** 08:00 in New York, the end of quiet hours. */
	private static final Instant EIGHT = Instant.parse("2034-01-16T13:00:00Z");

	/** 10:00 in New York. */
	private static final Instant TEN = Instant.parse("2034-01-16T15:00:00Z");

	@Test
	void expiresARequestReadAfterItsValidityFromWhenItWasRequested() {
		Instant requestedAt = TEN.minus(VALIDITY).minusSeconds(1);

		Admission admission = decide(new Timing.OnRequest(TEN, requestedAt, null, VALIDITY, QuietHours.OFF, List.of()));

		assertThat(admission).isInstanceOf(Admission.Expire.class);
		assertThat(admission.reasonCode()).isEqualTo(AdmissionPolicy.VALIDITY_PASSED_BEFORE_INTAKE);
		assertThat(((Admission.Expire) admission).expiresAt()).isEqualTo(requestedAt.plus(VALIDITY));
	}

	@Test
	void sendsALateRequestWhoseValidityRunsFromItsLaterSendAt() {
		Instant requestedAt = TEN.minus(Duration.ofHours(5));
		Instant sendAt = TEN.minus(Duration.ofHours(2));

		Admission admission = decide(
				new Timing.OnRequest(TEN, requestedAt, sendAt, VALIDITY, QuietHours.OFF, List.of()));

		assertThat(admission).isEqualTo(new Admission.Send(null, sendAt.plus(VALIDITY)));
	}

	@Test
	void sendsARequestWithinItsValidityNow() {
		Instant requestedAt = TEN.minus(Duration.ofHours(3));

		Admission admission = decide(new Timing.OnRequest(TEN, requestedAt, null, VALIDITY, QuietHours.OFF, List.of()));

		assertThat(admission).isEqualTo(new Admission.Send(null, requestedAt.plus(VALIDITY)));
	}

	@Test
	void sendsARequestWhoseRequestedAtIsAheadOfTheClockNowValidFromNow() {
		Admission admission = decide(
				new Timing.OnRequest(TEN, TEN.plusSeconds(90), null, VALIDITY, QuietHours.OFF, List.of()));

		assertThat(admission).isEqualTo(new Admission.Send(null, TEN.plus(VALIDITY)));
	}

	@Test
	void handsASendAtLessThanASecondAheadToDispatch() {
		Instant sendAt = TEN.plusMillis(500);

		Admission admission = decide(new Timing.OnRequest(TEN, null, sendAt, VALIDITY, QuietHours.OFF, List.of()));

		assertThat(admission).isEqualTo(new Admission.Send(sendAt, sendAt.plus(VALIDITY)));
	}

	@Test
	void holdsARequestThatRespectsQuietHoursUntilTheyEndInTheRecipientsZone() {
		Admission admission = decide(
				new Timing.OnRequest(SEVEN_THIRTY_SEVEN, null, null, VALIDITY, QuietHours.DEFAULT, NEW_YORK));

		assertThat(admission).isEqualTo(new Admission.HoldUntil(EIGHT, SEVEN_THIRTY_SEVEN.plus(VALIDITY)));
	}

	@Test
	void sendsARequestThatDoesNotRespectQuietHoursAtOnceInThem() {
		Admission admission = decide(
				new Timing.OnRequest(SEVEN_THIRTY_SEVEN, null, null, VALIDITY, QuietHours.OFF, List.of()));

		assertThat(admission).isEqualTo(new Admission.Send(null, SEVEN_THIRTY_SEVEN.plus(VALIDITY)));
	}

	@Test
	void holdsASendAtThatFallsIntoQuietHoursUntilTheyEnd() {
		Instant sendAt = EIGHT.minus(Duration.ofMinutes(10));

		Admission admission = decide(
				new Timing.OnRequest(SEVEN_THIRTY_SEVEN, null, sendAt, VALIDITY, QuietHours.DEFAULT, NEW_YORK));

		assertThat(admission).isEqualTo(new Admission.HoldUntil(EIGHT, sendAt.plus(VALIDITY)));
	}

	@Test
	void expiresARequestWhoseQuietHoursOutlastItsValidity() {
		Instant tenAtNight = Instant.parse("2034-01-17T03:00:00Z");

		Admission admission = decide(
				new Timing.OnRequest(tenAtNight, null, null, VALIDITY, QuietHours.DEFAULT, NEW_YORK));

		assertThat(admission.reasonCode()).isEqualTo(SendTimes.QUIET_HOURS_OUTLAST_VALIDITY);
	}

	@Test
	void releasesAHeldRequestOnlyOnceTheClockPassesTheEndOfQuietHours() {
		Admission.HoldUntil held = (Admission.HoldUntil) decide(
				new Timing.OnRequest(SEVEN_THIRTY_SEVEN, null, null, VALIDITY, QuietHours.DEFAULT, NEW_YORK));

		Admission early = decide(new Timing.Due(EIGHT.minusSeconds(1), held.releaseAt(), held.expiresAt(),
				QuietHours.DEFAULT, NEW_YORK));
		Admission due = decide(new Timing.Due(EIGHT, held.releaseAt(), held.expiresAt(), QuietHours.DEFAULT, NEW_YORK));

		assertThat(early).isEqualTo(new Admission.HoldUntil(EIGHT, held.expiresAt()));
		assertThat(due).isEqualTo(new Admission.Send(EIGHT, held.expiresAt()));
	}

	@Test
	void expiresAHeldRequestReleasedAfterItsValidity() {
		Instant sendAt = TEN.plus(Duration.ofHours(1));
		Admission.HoldUntil held = (Admission.HoldUntil) decide(
				new Timing.OnRequest(TEN, null, sendAt, VALIDITY, QuietHours.OFF, List.of()));

		Admission late = decide(
				new Timing.Due(held.expiresAt(), held.releaseAt(), held.expiresAt(), QuietHours.OFF, List.of()));

		assertThat(late.reasonCode()).isEqualTo(SendTimes.VALIDITY_PASSED);
	}

	private static Admission decide(Timing timing) {
		return AdmissionPolicy.decide(() -> timing);
	}

}
