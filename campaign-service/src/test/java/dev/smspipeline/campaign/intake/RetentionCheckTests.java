package dev.smspipeline.campaign.intake;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys must outlive the records of {@code crm.sms-requests}.
 */
class RetentionCheckTests {

	private static final long SEVEN_DAYS_MS = Duration.ofDays(7).toMillis();

	@Test
	void refusesKeysKeptShorterThanTheTopicKeepsRecordsNamingBothSettings() {
		String problem = RetentionCheck.problem(Duration.ofHours(24), SEVEN_DAYS_MS);

		assertThat(problem).contains("sms.messages.idempotency.retention (PT24H)")
			.contains("retention.ms of crm.sms-requests (PT168H)");
	}

	@Test
	void acceptsKeysKeptAsLongAsTheTopicKeepsRecords() {
		assertThat(RetentionCheck.problem(Duration.ofDays(7), SEVEN_DAYS_MS)).isNull();
	}

	@Test
	void acceptsATopicThatKeepsRecordsForeverLeavingReplaysToTheirValidity() {
		assertThat(RetentionCheck.problem(Duration.ofDays(7), -1)).isNull();
	}

}
