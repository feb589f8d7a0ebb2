package dev.smspipeline.status.store;

import java.util.List;
import java.util.Map;
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

import static dev.smspipeline.status.StoredMessages.hasHistoryOf;
import static dev.smspipeline.status.StoredMessages.hasStatus;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class StatusProjectionIntegrationTests {

	private final CarrierCallbacks carrier;

	private final ApiClient acme;

	private final KafkaTemplate<String, SpecificRecord> kafka;

	StatusProjectionIntegrationTests(@LocalServerPort int port, @Autowired CallbackSettings settings,
			@Autowired KafkaTemplate<String, SpecificRecord> kafka) {
		this.carrier = new CarrierCallbacks("http://localhost:" + port, settings);
		this.acme = ApiClient.as(TestAccount.ACME, "http://localhost:" + port);
		this.kafka = kafka;
	}

	@Test
	void keepsDeliveredWhenALateSentCallbackArrives() {
		String messageId = requested();
		this.carrier.post(this.carrier.callback(messageId, "delivered"));
		StoredMessages.await(this.acme, messageId, hasStatus(MessageStatus.DELIVERED));

		this.carrier.post(this.carrier.callback(messageId, "sent"));

		ApiResponse message = StoredMessages.await(this.acme, messageId, hasHistoryOf(3));
		assertThat(message.<String>json("$.status")).isEqualTo("DELIVERED");
		assertThat(message.<List<String>>json("$.history[*].status")).containsExactly("REQUESTED", "DELIVERED", "SENT");
	}

	@Test
	void recordsTheSameCallbackTwiceAsOneHistoryEntry() {
		String messageId = requested();
		this.carrier.post(this.carrier.callback(messageId, "delivered"));
		this.carrier.post(this.carrier.callback(messageId, "delivered"));

		// A later event of the same text is applied after both copies (same partition).
		this.carrier.post(this.carrier.callback(messageId, "sent"));

		ApiResponse message = StoredMessages.await(this.acme, messageId, (response) -> response.status() == 200
				&& response.<List<String>>json("$.history[*].status").contains("SENT"));
		assertThat(message.<List<String>>json("$.history[*].status")).containsExactly("REQUESTED", "DELIVERED", "SENT");
	}

	@Test
	void keepsTheFirstTerminalStatus() {
		String messageId = requested();
		this.carrier.post(this.carrier.callback(messageId, "delivered"));

		this.carrier.post(this.carrier.callback(messageId, "undelivered").withError("30008", "Unknown error"));

		ApiResponse message = StoredMessages.await(this.acme, messageId, hasHistoryOf(3));
		assertThat(message.<String>json("$.status")).isEqualTo("DELIVERED");
		assertThat(message.<Map<String, Object>>json("$")).doesNotContainKeys("carrierErrorCode",
				"carrierErrorDescription");
	}

	@Test
	void appliesACallbackThatArrivesBeforeTheTextWasRequested() {
		String messageId = UUID.randomUUID().toString();
		this.carrier.post(this.carrier.callback(messageId, "delivered"));
		StoredMessages.await(this.acme, messageId, hasStatus(MessageStatus.DELIVERED));

		StoredMessages.publishRequested(this.kafka, TestAccount.ACME, messageId);

		ApiResponse message = StoredMessages.await(this.acme, messageId, hasHistoryOf(2));
		assertThat(message.<String>json("$.status")).isEqualTo("DELIVERED");
		assertThat(message.<String>json("$.campaignId")).isEqualTo("campaign-" + messageId);
		assertThat(message.<List<String>>json("$.history[*].status")).containsExactly("REQUESTED", "DELIVERED");
		assertThat(message.<String>json("$.createdAt")).isEqualTo(message.json("$.history[0].occurredAt"));
	}

	private String requested() {
		String messageId = UUID.randomUUID().toString();
		StoredMessages.publishRequested(this.kafka, TestAccount.ACME, messageId);
		return messageId;
	}

}
