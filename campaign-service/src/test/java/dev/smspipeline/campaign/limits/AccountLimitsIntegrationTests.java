package dev.smspipeline.campaign.limits;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignClient;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.OneOffs;
import dev.smspipeline.campaign.support.Operator;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's limits on the API: a trial account texts only its verified numbers, a
 * one-off over the sending quota answers 429 with {@code Retry-After}, and a campaign
 * that would pass the quota ends FAILED {@code SENDING_LIMIT}.
 */
@CampaignServiceTest
class AccountLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aTrialAccountsTextToAnUnverifiedNumberEndsRejectedTrialRecipient() {
		TestAccount trial = account("\"trial\": true, \"verifiedNumbers\": [\"%s\"]".formatted(Numbers.chicago()));

		ApiResponse answer = OneOffs.send(http(trial), Numbers.newYork(), "Your code is 4711");

		assertThat(answer.<String>json("$.status")).isEqualTo("REJECTED");
		assertThat(answer.<String>json("$.reasonCode")).isEqualTo("TRIAL_RECIPIENT");
	}

	@Test
	void aTrialAccountTextsItsVerifiedNumber() {
		String verified = Numbers.chicago();
		String national = "(" + verified.substring(2, 5) + ") " + verified.substring(5, 8) + "-"
				+ verified.substring(8);
		TestAccount trial = account("\"trial\": true, \"verifiedNumbers\": [\"%s\"]".formatted(national));

		ApiResponse answer = OneOffs.send(http(trial), verified, "Your code is 4711");

		assertThat(answer.<String>json("$.status")).isEqualTo("REQUESTED");
	}

	@Test
	void aOneOffOverTheDailyLimitAnswers429WithRetryAfter() {
		TestAccount limited = account("\"dailyLimit\": 2");
		assertThat(OneOffs.send(http(limited), Numbers.newYork(), "First").<String>json("$.status"))
			.isEqualTo("REQUESTED");
		assertThat(OneOffs.send(http(limited), Numbers.newYork(), "Second").<String>json("$.status"))
			.isEqualTo("REQUESTED");

		HttpResponse<String> refused = http(limited).postJsonWithHeaders("/api/v1/messages",
				OneOffs.json(Numbers.newYork(), "Third"));

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("daily limit of 2");
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 86_400L);
	}

	@Test
	void aOneOffCountsTheSegmentsOfItsBody() {
		TestAccount limited = account("\"monthlyLimit\": 2");

		ApiResponse refused = http(limited).postJson("/api/v1/messages",
				OneOffs.json(Numbers.newYork(), "Spring sale ".repeat(30)));

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.body()).contains("3 more segments would pass this account's monthly limit of 2");
	}

	@Test
	void aCampaignThatWouldPassTheQuotaEndsFailedSendingLimitWithoutTexts() {
		TestAccount limited = account("\"dailyLimit\": 2");
		CampaignClient campaigns = CampaignClient.as(limited, this.port);
		String id = campaigns.create("""
				{"name": "Spring sale", "body": "Hi {{firstName}}", "quietHours": {"enabled": false},
				 "recipients": %s}"""
			.formatted(CampaignClient.recipients(List.of(Numbers.newYork(), Numbers.newYork(), Numbers.newYork()))));

		campaigns.activate(id);

		ApiResponse failed = campaigns.awaitStatus(id, "FAILED");
		assertThat(failed.body()).contains("SENDING_LIMIT").contains("needs about 3 segments");
		assertThat(failed.<Integer>json("$.progress.total")).isZero();
	}

	@Test
	void aTrialAccountsCampaignTextsOnlyItsVerifiedNumbers() {
		String verified = Numbers.chicago();
		TestAccount trial = account("\"trial\": true, \"verifiedNumbers\": [\"%s\"]".formatted(verified));
		CampaignClient campaigns = CampaignClient.as(trial, this.port);
		String id = campaigns.create("""
				{"name": "Spring sale", "body": "Hi", "quietHours": {"enabled": false},
				 "recipients": %s}""".formatted(CampaignClient.recipients(List.of(verified, Numbers.newYork()))));

		campaigns.activate(id);

		ApiResponse processed = Awaitility.await("texts of " + id)
			.atMost(Duration.ofSeconds(30))
			.until(() -> campaigns.get(id), (campaign) -> campaign.<Integer>json("$.counts.total") == 2);
		assertThat(processed.<Integer>json("$.counts.rejected")).isEqualTo(1);
		assertThat(processed.<Integer>json("$.counts.total") - processed.<Integer>json("$.counts.error")).isEqualTo(1);
	}

	private TestAccount account(String limits) {
		Operator operator = Operator.at(this.port);
		return operator.readyKey(operator.create("{\"id\": \"%s\", %s}".formatted(Operator.newAccountId(), limits)));
	}

	private Http http(TestAccount account) {
		return Http.as(account, this.port);
	}

}
