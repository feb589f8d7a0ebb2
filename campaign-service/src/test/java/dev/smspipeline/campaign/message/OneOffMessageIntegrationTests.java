package dev.smspipeline.campaign.message;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

@CampaignServiceTest
class OneOffMessageIntegrationTests {

	private static TopicProbe<MessageRequested> requests;

	private static TopicProbe<DeliveryStatus> statuses;

	@LocalServerPort
	int port;

	@BeforeAll
	static void openProbes() {
		requests = TopicProbe.of(Topics.MESSAGE_REQUESTED);
		statuses = TopicProbe.of(Topics.DELIVERY_STATUS);
	}

	@AfterAll
	static void closeProbes() {
		requests.close();
		statuses.close();
	}

	@Test
	void publishesTheTextKeyedByItsRecipientInE164() {
		ApiResponse response = api(TestAccount.ACME).postJson("/api/v1/messages", """
				{"recipient": "(415) 555-2671", "body": "Your table is ready"}""");

		assertThat(response.status()).isEqualTo(202);
		String messageId = response.json("$.messageId");
		var record = requests.awaitRecord((r) -> r.value().getMessageId().equals(messageId));
		assertThat(record.key()).isEqualTo("+14155552671");
		assertThat(record.value().getAccountId()).isEqualTo("acme");
		assertThat(record.value().getBody()).isEqualTo("Your table is ready");
		assertThat(record.value().getSource()).isEqualTo(RequestSource.REST_API);
		assertThat(record.value().getExpiresAt()).isAfter(record.value().getRequestedAt());
	}

	@Test
	void publishesARequestedStatusForTheText() {
		ApiResponse response = api(TestAccount.ACME).postJson("/api/v1/messages", """
				{"recipient": "+14155552672", "body": "Hello"}""");

		String messageId = response.json("$.messageId");
		DeliveryStatus status = statuses.await((s) -> s.getMessageId().equals(messageId));
		assertThat(status.getStatus()).isEqualTo(MessageStatus.REQUESTED);
		assertThat(status.getRecipient()).isEqualTo("+14155552672");
	}

	@Test
	void rejectsANumberOutsideTheAllowedCountriesWithItsReason() {
		ApiResponse response = api(TestAccount.ACME).postJson("/api/v1/messages", """
				{"recipient": "+442071838750", "body": "Hello London"}""");

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.<String>json("$.status")).isEqualTo("REJECTED");
		assertThat(response.<String>json("$.reasonCode")).isEqualTo("UNSUPPORTED_COUNTRY");
		String messageId = response.json("$.messageId");
		DeliveryStatus status = statuses.await((s) -> s.getMessageId().equals(messageId));
		assertThat(status.getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(requests.values((r) -> r.getMessageId().equals(messageId))).isEmpty();
	}

	@Test
	void answersAMissingBodyWithTheFieldAndReason() {
		ApiResponse response = api(TestAccount.ACME).postJson("/api/v1/messages", """
				{"recipient": "+14155552673"}""");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.<String>json("$.errors[0].field")).isEqualTo("body");
		assertThat(response.<String>json("$.errors[0].reason")).isEqualTo("is required");
	}

	@Test
	void refusesABodyAboveTheSegmentLimitNamingTheLimit() {
		ApiResponse response = api(TestAccount.ACME).postJson("/api/v1/messages",
				"{\"recipient\": \"+14155552676\", \"body\": \"" + "a".repeat(153 * 10 + 1) + "\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.<String>json("$.errors[0].field")).isEqualTo("body");
		assertThat(response.<String>json("$.errors[0].reason")).contains("11 SMS segments", "the limit is 10");
	}

	@Test
	void answersMalformedJsonWith400() {
		ApiResponse response = api(TestAccount.ACME).postJson("/api/v1/messages", "{\"recipient\": ");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void refusesACallWithoutAnApiKey() {
		ApiResponse response = ApiClient.anonymous(baseUrl()).postJson("/api/v1/messages", """
				{"recipient": "+14155552674", "body": "Hello"}""");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void refusesAnUnknownApiKey() {
		ApiResponse response = ApiClient.withAuthorization("Bearer sk_not_a_key", baseUrl())
			.postJson("/api/v1/messages", """
					{"recipient": "+14155552675", "body": "Hello"}""");

		assertThat(response.status()).isEqualTo(401);
		assertThat(requests.values((r) -> r.getRecipient().equals("+14155552675"))).isEmpty();
	}

	private ApiClient api(TestAccount account) {
		return ApiClient.as(account, baseUrl());
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
