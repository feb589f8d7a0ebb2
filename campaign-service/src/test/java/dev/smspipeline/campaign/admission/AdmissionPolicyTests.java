package dev.smspipeline.campaign.admission;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.smspipeline.campaign.content.ContentViolation;
import dev.smspipeline.campaign.schedule.QuietHours;
import dev.smspipeline.events.MessageStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admission rules, one each, in the order they apply.
 */
class AdmissionPolicyTests {

	private static final Instant NOW = Instant.parse("2034-01-16T15:00:00Z");

	private static final List<ZoneId> NEW_YORK = List.of(ZoneId.of("America/New_York"));

	private static final QuietHours OFF = new QuietHours(false, null, null);

	@Test
	void rejectsANumberThatCannotBeTextedWithTheNumberChecksCode() {
		Facts facts = new Facts();
		facts.numberRefused = new Admission.Reject("COUNTRY_NOT_ALLOWED", "not here", null);
		facts.optedOut = "also opted out";

		assertThat(AdmissionPolicy.decide(facts)).isEqualTo(facts.numberRefused);
	}

	@Test
	void rejectsARecipientTheAccountMayNotTextBeforeLookingAtConsent() {
		Facts facts = new Facts();
		facts.recipientRefused = new Admission.Reject("TRIAL_RECIPIENT", "not verified", null);
		facts.optedOut = "also opted out";

		assertThat(AdmissionPolicy.decide(facts)).isEqualTo(facts.recipientRefused);
		assertThat(facts.asked).doesNotContain("optedOut");
	}

	@Test
	void rejectsAnOptedOutRecipientAsOptedOut() {
		Facts facts = new Facts();
		facts.optedOut = "+12125550100 opted out";

		Admission admission = AdmissionPolicy.decide(facts);

		assertThat(admission).isEqualTo(new Admission.Reject("OPTED_OUT", "+12125550100 opted out", null));
		assertThat(admission.status()).isEqualTo(MessageStatus.REJECTED);
	}

	@Test
	void rejectsABodyOverTheSegmentLimitAsTooLong() {
		Facts facts = new Facts();
		facts.segments = 5;
		facts.maxSegments = 4;

		assertThat(AdmissionPolicy.decide(facts))
			.isEqualTo(new Admission.Reject("TOO_LONG", "renders to 5 SMS segments; the limit is 4", null));
	}

	@Test
	void rejectsABodyThatBreaksAContentRuleWithTheRule() {
		Facts facts = new Facts();
		facts.violation = new ContentViolation("us-gambling", "casino");

		assertThat(AdmissionPolicy.decide(facts)).isEqualTo(new Admission.Reject("CONTENT_POLICY",
				"contains 'casino', which content rule us-gambling forbids", "us-gambling"));
	}

	@Test
	void asksForNoFactBeyondTheRuleThatDecided() {
		Facts facts = new Facts();
		facts.optedOut = "opted out";

		AdmissionPolicy.decide(facts);

		assertThat(facts.asked).containsExactly("numberRefused", "recipientRefused", "optedOut");
	}

	@Test
	void sendsAOneOffNowValidFromNow() {
		Facts facts = new Facts();
		facts.timing = new Timing.OnRequest(NOW, null, Duration.ofHours(1));

		Admission admission = AdmissionPolicy.decide(facts);

		assertThat(admission).isEqualTo(new Admission.Send(null, NOW.plus(Duration.ofHours(1))));
		assertThat(admission.status()).isEqualTo(MessageStatus.REQUESTED);
	}

	@Test
	void holdsAOneOffForLaterUntilItsNotBeforeValidFromThen() {
		Facts facts = new Facts();
		Instant later = NOW.plus(Duration.ofMinutes(30));
		facts.timing = new Timing.OnRequest(NOW, later, Duration.ofHours(1));

		assertThat(AdmissionPolicy.decide(facts))
			.isEqualTo(new Admission.HoldUntil(later, later.plus(Duration.ofHours(1))));
	}

	@Test
	void ignoresAOneOffNotBeforeThatHasPassed() {
		Facts facts = new Facts();
		facts.timing = new Timing.OnRequest(NOW, NOW.minusSeconds(1), Duration.ofHours(1));

		assertThat(AdmissionPolicy.decide(facts)).isEqualTo(new Admission.Send(null, NOW.plus(Duration.ofHours(1))));
	}

	@Test
	void holdsANewCampaignTextUntilItsLocalSendTime() {
		Facts facts = new Facts();
		// 07:00 in New York.
		facts.timing = new Timing.Scheduled(Instant.parse("2034-01-16T12:00:00Z"), null, LocalTime.of(10, 0), OFF,
				Duration.ofHours(2), NEW_YORK);

		Admission admission = AdmissionPolicy.decide(facts);

		Instant tenInNewYork = Instant.parse("2034-01-16T15:00:00Z");
		assertThat(admission).isEqualTo(new Admission.HoldUntil(tenInNewYork, tenInNewYork.plus(Duration.ofHours(2))));
		assertThat(admission.status()).isEqualTo(MessageStatus.SCHEDULED);
	}

	@Test
	void expiresANewCampaignTextWhenQuietHoursOutlastItsValidity() {
		Facts facts = new Facts();
		// 22:00 in New York: quiet until 08:00, ten hours away; valid for one.
		facts.timing = new Timing.Scheduled(Instant.parse("2034-01-17T03:00:00Z"), null, null, QuietHours.DEFAULT,
				Duration.ofHours(1), NEW_YORK);

		Admission admission = AdmissionPolicy.decide(facts);

		assertThat(admission).isInstanceOf(Admission.Expire.class);
		assertThat(admission.reasonCode()).isEqualTo("QUIET_HOURS_OUTLAST_VALIDITY");
		assertThat(admission.status()).isEqualTo(MessageStatus.EXPIRED);
	}

	@Test
	void expiresADueTextWhoseValidityPassed() {
		Facts facts = new Facts();
		facts.timing = new Timing.Due(NOW, NOW.minusSeconds(60), NOW, OFF, NEW_YORK);

		Admission admission = AdmissionPolicy.decide(facts);

		assertThat(admission).isEqualTo(new Admission.Expire("VALIDITY_PASSED",
				"its validity ended at " + NOW + " before it could be released", NOW));
	}

	@Test
	void holdsADueTextThatFellIntoQuietHoursToTheNextAllowedMinute() {
		Facts facts = new Facts();
		Instant tenPastNine = Instant.parse("2034-01-17T02:10:00Z");
		Instant expiresAt = Instant.parse("2034-01-17T20:00:00Z");
		facts.timing = new Timing.Due(tenPastNine, tenPastNine, expiresAt, QuietHours.DEFAULT, NEW_YORK);

		assertThat(AdmissionPolicy.decide(facts))
			.isEqualTo(new Admission.HoldUntil(Instant.parse("2034-01-17T13:00:00Z"), expiresAt));
	}

	@Test
	void expiresADueTextWhenQuietHoursOutlastItsValidity() {
		Facts facts = new Facts();
		Instant tenPastNine = Instant.parse("2034-01-17T02:10:00Z");
		facts.timing = new Timing.Due(tenPastNine, tenPastNine, tenPastNine.plus(Duration.ofHours(1)),
				QuietHours.DEFAULT, NEW_YORK);

		assertThat(AdmissionPolicy.decide(facts).reasonCode()).isEqualTo("QUIET_HOURS_OUTLAST_VALIDITY");
	}

	@Test
	void sendsADueTextAtItsReleaseTime() {
		Facts facts = new Facts();
		facts.timing = new Timing.Due(NOW, NOW.minusSeconds(1), NOW.plusSeconds(60), OFF, NEW_YORK);

		assertThat(AdmissionPolicy.decide(facts))
			.isEqualTo(new Admission.Send(NOW.minusSeconds(1), NOW.plusSeconds(60)));
	}

	@Test
	void skipsARecipientTextedWithinTheSmartSendingWindow() {
		Facts facts = new Facts();
		facts.window = Duration.ofHours(6);
		facts.recentlyTexted = true;

		Admission admission = AdmissionPolicy.decide(facts);

		assertThat(admission)
			.isEqualTo(new Admission.Skip("SMART_SENDING_WINDOW", "the recipient got a campaign text within PT6H"));
		assertThat(admission.status()).isEqualTo(MessageStatus.CANCELED);
	}

	@Test
	void asksAboutRecentTextsOnlyForATextThatWouldGoOutNow() {
		Facts facts = new Facts();
		facts.window = Duration.ofHours(6);
		facts.recentlyTexted = true;
		Instant tenPastNine = Instant.parse("2034-01-17T02:10:00Z");
		facts.timing = new Timing.Due(tenPastNine, tenPastNine, tenPastNine.plus(Duration.ofDays(1)),
				QuietHours.DEFAULT, NEW_YORK);

		assertThat(AdmissionPolicy.decide(facts)).isInstanceOf(Admission.HoldUntil.class);
		assertThat(facts.asked).doesNotContain("recentlyTexted");
	}

	@Test
	void sendsARecipientNotTextedWithinTheWindow() {
		Facts facts = new Facts();
		facts.window = Duration.ofHours(6);

		assertThat(AdmissionPolicy.decide(facts)).isInstanceOf(Admission.Send.class);
	}

	/** Facts set by each test, recording which the policy asked for. */
	private static final class Facts implements TextFacts {

		private final List<String> asked = new java.util.ArrayList<>();

		private Admission.Reject numberRefused;

		private Admission.Reject recipientRefused;

		private String optedOut;

		private int segments = 1;

		private int maxSegments = 4;

		private ContentViolation violation;

		private Timing timing = new Timing.OnRequest(NOW, null, Duration.ofHours(1));

		private Duration window;

		private boolean recentlyTexted;

		@Override
		public Optional<Admission.Reject> numberRefused() {
			this.asked.add("numberRefused");
			return Optional.ofNullable(this.numberRefused);
		}

		@Override
		public Optional<Admission.Reject> recipientRefused() {
			this.asked.add("recipientRefused");
			return Optional.ofNullable(this.recipientRefused);
		}

		@Override
		public Optional<String> optedOut() {
			this.asked.add("optedOut");
			return Optional.ofNullable(this.optedOut);
		}

		@Override
		public int segments() {
			this.asked.add("segments");
			return this.segments;
		}

		@Override
		public int maxSegments() {
			return this.maxSegments;
		}

		@Override
		public Optional<ContentViolation> contentViolation() {
			this.asked.add("contentViolation");
			return Optional.ofNullable(this.violation);
		}

		@Override
		public Timing timing() {
			this.asked.add("timing");
			return this.timing;
		}

		@Override
		public Optional<Duration> smartSendingWindow() {
			return Optional.ofNullable(this.window);
		}

		@Override
		public boolean recentlyTexted() {
			this.asked.add("recentlyTexted");
			return this.recentlyTexted;
		}

	}

}
