package dev.smspipeline.campaign.limits;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaTests {

	private static final Instant NOW = Instant.parse("2026-12-08T15:30:00Z");

	@Test
	void leavesTheSmallerOfWhatIsLeftTodayAndThisMonth() {
		assertThat(new Quota(100L, 1000L, 40L, 980L, NOW).remaining()).isEqualTo(20);
		assertThat(new Quota(100L, null, 40L, 980L, NOW).remaining()).isEqualTo(60);
	}

	@Test
	void neverLeavesLessThanNothing() {
		assertThat(new Quota(10L, null, 12L, 0L, NOW).remaining()).isZero();
	}

	@Test
	void admitsSegmentsThatFitExactly() {
		assertThat(new Quota(100L, 1000L, 90L, 990L, NOW).refusal(10)).isEmpty();
	}

	@Test
	void refusesOverTheDailyLimitUntilTheNextUtcMidnight() {
		Quota.Refusal refusal = new Quota(100L, null, 90L, 90L, NOW).refusal(11).orElseThrow();

		assertThat(refusal.resetsAt()).isEqualTo(Instant.parse("2026-12-09T00:00:00Z"));
		assertThat(refusal.detail()).contains("daily limit of 100").contains("90 used today");
	}

	@Test
	void refusesOverTheMonthlyLimitUntilTheFirstOfTheNextMonth() {
		Quota.Refusal refusal = new Quota(100L, 1000L, 90L, 995L, NOW).refusal(11).orElseThrow();

		assertThat(refusal.resetsAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
		assertThat(refusal.detail()).contains("monthly limit of 1000");
	}

	@Test
	void countsSegmentsUsedSinceItWasRead() {
		assertThat(new Quota(100L, 1000L, 40L, 980L, NOW).plus(15).remaining()).isEqualTo(5);
	}

}
