package dev.smspipeline.status.query;

import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.status.CarrierCallbacks;
import dev.smspipeline.status.StoredMessages;
import dev.smspipeline.status.callback.CallbackSettings;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static dev.smspipeline.status.StoredMessages.hasStatus;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class MessageQueryIntegrationTests {

	private final String baseUrl;

	private final CarrierCallbacks carrier;

	private final ApiClient acme;

	private final KafkaTemplate<String, SpecificRecord> kafka;

	MessageQueryIntegrationTests(@LocalServerPort int port, @Autowired CallbackSettings settings,
			@Autowired KafkaTemplate<String, SpecificRecord> kafka) {
		this.baseUrl = "http://localhost:" + port;
		this.carrier = new CarrierCallbacks(this.baseUrl, settings);
		this.acme = ApiClient.as(TestAccount.ACME, this.baseUrl);
		this.kafka = kafka;
	}

	@Test
	void showsTheCurrentStatusAndTheFullHistoryOfAText() {
		String messageId = requested();
		this.carrier.post(this.carrier.callback(messageId, "queued"));
		this.carrier.post(this.carrier.callback(messageId, "sent"));
		this.carrier.post(this.carrier.callback(messageId, "delivered"));

		ApiResponse message = StoredMessages.await(this.acme, messageId, hasStatus(MessageStatus.DELIVERED));

		assertThat(message.contentType()).startsWith("application/json");
		assertThat(message.<String>json("$.messageId")).isEqualTo(messageId);
		assertThat(message.<String>json("$.recipient")).isEqualTo(StoredMessages.RECIPIENT);
		assertThat(message.<String>json("$.campaignId")).isEqualTo("campaign-" + messageId);
		assertThat(message.<String>json("$.carrierMessageId")).startsWith("SM");
		assertThat(message.<String>json("$.createdAt")).isNotBlank();
		assertThat(message.<String>json("$.updatedAt")).isNotBlank();
		assertThat(message.<List<String>>json("$.history[*].status")).containsExactly("REQUESTED", "SUBMITTED", "SENT",
				"DELIVERED");
		assertThat(message.<List<String>>json("$.history[*].source")).containsExactly("CAMPAIGN", "CARRIER_CALLBACK",
				"CARRIER_CALLBACK", "CARRIER_CALLBACK");
	}

	@Test
	void showsTheCarrierErrorOfAnUndeliveredTextWithAReadableDescription() {
		String messageId = requested();

		this.carrier.post(this.carrier.callback(messageId, "undelivered").withError("30008", "Unknown error"));

		ApiResponse message = StoredMessages.await(this.acme, messageId, hasStatus(MessageStatus.UNDELIVERED));
		assertThat(message.<String>json("$.carrierErrorCode")).isEqualTo("30008");
		assertThat(message.<String>json("$.carrierErrorDescription")).startsWith("Unknown error")
			.contains("did not say why");
		assertThat(message.<String>json("$.history[1].carrierErrorCode")).isEqualTo("30008");
	}

	@Test
	void answersAnotherAccountsTextWith404AndNothingOfIt() {
		String messageId = requested();
		StoredMessages.await(this.acme, messageId, hasStatus(MessageStatus.REQUESTED));

		ApiResponse response = ApiClient.as(TestAccount.GLOBEX, this.baseUrl).get("/api/v1/messages/" + messageId);

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain(StoredMessages.RECIPIENT).doesNotContain("campaign-");
	}

	@Test
	void answersAnUnknownTextWith404() {
		ApiResponse response = this.acme.get("/api/v1/messages/" + UUID.randomUUID());

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void refusesACallWithoutAnApiKey() {
		String messageId = requested();

		ApiResponse response = ApiClient.anonymous(this.baseUrl).get("/api/v1/messages/" + messageId);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	private String requested() {
		String messageId = UUID.randomUUID().toString();
		StoredMessages.publishRequested(this.kafka, TestAccount.ACME, messageId);
		return messageId;
	}

}
