package dev.smspipeline.dispatch.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pacer's rules on instants the tests choose.
 */
class RecipientPacerTests {

	private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

	private static final String ADA = "+14155550100";

	private static final String BOB = "+14155550101";

	private static final String LONG_CODE = "+15005550006";

	private static final String TOLL_FREE = "+18005550100";

	private final RecipientPacer pacer = new RecipientPacer(PacingSettings.defaults());

	@Test
	void letsAFirstTextGoAtOnce() {
		assertThat(this.pacer.earliest(ADA, LONG_CODE, 1, T0)).isEqualTo(T0);
	}

	@Test
	void keepsTheMinimumIntervalFromTheCarriersAnswer() {
		this.pacer.submitted(ADA, LONG_CODE, T0.plusMillis(40));

		assertThat(this.pacer.earliest(ADA, LONG_CODE, 1, T0.plusMillis(50))).isEqualTo(T0.plusMillis(1040));
	}

	@Test
	void paysNoHeedToOtherNumbers() {
		this.pacer.submitted(ADA, LONG_CODE, T0);

		assertThat(this.pacer.earliest(BOB, LONG_CODE, 1, T0)).isEqualTo(T0);
	}

	@Test
	void holdsARecipientForTheCarriersRetryAfter() {
		this.pacer.submitted(ADA, LONG_CODE, T0);
		this.pacer.holdRecipient(ADA, T0.plusSeconds(20));

		assertThat(this.pacer.earliest(ADA, TOLL_FREE, 1, T0.plusSeconds(2))).isEqualTo(T0.plusSeconds(20));
		assertThat(this.pacer.held(ADA, T0.plusSeconds(19))).isTrue();
		assertThat(this.pacer.held(ADA, T0.plusSeconds(20))).isFalse();
		assertThat(this.pacer.heldCount(T0.plusSeconds(1))).isEqualTo(1);
	}

	@Test
	void holdsOnlyThePairAfterA14107() {
		this.pacer.holdPair(LONG_CODE, ADA, T0.plusSeconds(30));

		assertThat(this.pacer.earliest(ADA, LONG_CODE, 1, T0)).isEqualTo(T0.plusSeconds(30));
		assertThat(this.pacer.earliest(ADA, TOLL_FREE, 1, T0)).isEqualTo(T0);
	}

	@Test
	void capsARecipientWithinItsRollingWindow() {
		RecipientPacer capped = new RecipientPacer(
				new PacingSettings(Duration.ofSeconds(1), new PacingSettings.Window(Duration.ofMinutes(1), 3),
						PacingSettings.Pair.defaults(), PacingSettings.SenderCap.off()));
		capped.submitted(ADA, LONG_CODE, T0);
		capped.submitted(ADA, LONG_CODE, T0.plusSeconds(1));
		capped.submitted(ADA, LONG_CODE, T0.plusSeconds(2));

		assertThat(capped.earliest(ADA, LONG_CODE, 1, T0.plusSeconds(3))).isEqualTo(T0.plusSeconds(60));
		capped.submitted(ADA, LONG_CODE, T0.plusSeconds(60));
		assertThat(capped.earliest(ADA, LONG_CODE, 1, T0.plusSeconds(61))).isEqualTo(T0.plusSeconds(61));
	}

	@Test
	void capsAPairWithinItsWindowWhileOtherSendersGoOn() {
		RecipientPacer capped = new RecipientPacer(
				new PacingSettings(Duration.ofSeconds(1), PacingSettings.Window.off(),
						new PacingSettings.Pair(Duration.ZERO, Duration.ofSeconds(30), 2, Duration.ofSeconds(30)),
						PacingSettings.SenderCap.off()));
		capped.submitted(ADA, LONG_CODE, T0);
		capped.submitted(ADA, LONG_CODE, T0.plusSeconds(1));

		assertThat(capped.earliest(ADA, LONG_CODE, 1, T0.plusSeconds(2))).isEqualTo(T0.plusSeconds(30));
		assertThat(capped.earliest(ADA, TOLL_FREE, 1, T0.plusSeconds(2))).isEqualTo(T0.plusSeconds(2));
	}

	@Test
	void assumesATextAtTheAssignmentForANumberFirstSeen() {
		this.pacer.assumeSubmittedAt(ADA, T0);

		assertThat(this.pacer.earliest(ADA, LONG_CODE, 1, T0.plusMillis(10))).isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void keepsALaterKnownTextOverAnAssumedOne() {
		this.pacer.submitted(ADA, LONG_CODE, T0.plusSeconds(5));
		this.pacer.assumeSubmittedAt(ADA, T0);

		assertThat(this.pacer.earliest(ADA, LONG_CODE, 1, T0.plusSeconds(5))).isEqualTo(T0.plusSeconds(6));
	}

	@Test
	void capsASenderInSegmentsPerSecond() {
		RecipientPacer capped = new RecipientPacer(
				new PacingSettings(Duration.ofSeconds(1), PacingSettings.Window.off(), PacingSettings.Pair.defaults(),
						new PacingSettings.SenderCap(1, Map.of())));
		capped.reserve(LONG_CODE, 3, T0);

		// a 3-segment text leaves the 1-MPS long code in debt for three seconds
		assertThat(capped.earliest(BOB, LONG_CODE, 1, T0)).isEqualTo(T0.plusSeconds(3));
	}

	@Test
	void neverDelaysOneSenderForAnother() {
		RecipientPacer capped = new RecipientPacer(
				new PacingSettings(Duration.ofSeconds(1), PacingSettings.Window.off(), PacingSettings.Pair.defaults(),
						new PacingSettings.SenderCap(1, Map.of(TOLL_FREE, 3.0))));
		capped.reserve(LONG_CODE, 1, T0);

		assertThat(capped.earliest(BOB, LONG_CODE, 1, T0)).isEqualTo(T0.plusSeconds(1));
		assertThat(capped.earliest(BOB, TOLL_FREE, 1, T0)).isEqualTo(T0);
	}

	@Test
	void givesBackASendersBudgetWhenNoCallWasMade() {
		RecipientPacer capped = new RecipientPacer(
				new PacingSettings(Duration.ofSeconds(1), PacingSettings.Window.off(), PacingSettings.Pair.defaults(),
						new PacingSettings.SenderCap(1, Map.of())));
		capped.reserve(LONG_CODE, 1, T0);
		capped.refund(LONG_CODE, 1, T0);

		assertThat(capped.earliest(BOB, LONG_CODE, 1, T0)).isEqualTo(T0);
	}

	@Test
	void forgetsNumbersNoRuleCaresAboutAnyMore() {
		this.pacer.submitted(ADA, LONG_CODE, T0);
		this.pacer.holdRecipient(BOB, T0.plusSeconds(10));

		this.pacer.evictIdle(T0.plusSeconds(2));

		assertThat(this.pacer.tracked()).isEqualTo(1);
		assertThat(this.pacer.earliest(ADA, LONG_CODE, 1, T0.plusSeconds(2))).isEqualTo(T0.plusSeconds(2));
	}

}
