package dev.smspipeline.status.callback;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.status.CarrierCallbacks;
import dev.smspipeline.status.CarrierCallbacks.Callback;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class CarrierCallbackIntegrationTests {

	private static TopicProbe<DeliveryStatus> statuses;

	private final CarrierCallbacks carrier;

	CarrierCallbackIntegrationTests(@LocalServerPort int port, @Autowired CallbackSettings settings) {
		this.carrier = new CarrierCallbacks("http://localhost:" + port, settings);
	}

	@BeforeAll
	static void openProbe() {
		statuses = TopicProbe.of(Topics.DELIVERY_STATUS);
	}

	@AfterAll
	static void closeProbe() {
		statuses.close();
	}

	@Test
	void publishesASignedCallbackWithItsMappedStatusBeforeAnswering() {
		String messageId = newMessageId();
		Callback sent = this.carrier.callback(messageId, "sent");

		ApiResponse response = this.carrier.post(sent);

		assertThat(response.status()).isEqualTo(204);
		ConsumerRecord<String, DeliveryStatus> record = statuses
			.awaitRecord((r) -> r.value() != null && r.value().getMessageId().equals(messageId));
		DeliveryStatus status = record.value();
		assertThat(record.key()).isEqualTo(messageId);
		assertThat(status.getStatus()).isEqualTo(MessageStatus.SENT);
		assertThat(status.getAccountId()).isEqualTo("acme");
		assertThat(status.getSource()).isEqualTo(StatusSource.CARRIER_CALLBACK);
		assertThat(status.getEventId()).isEqualTo(sent.form().get("MessageSid") + ":SENT");
		assertThat(status.getCarrierMessageId()).isEqualTo(sent.form().get("MessageSid"));
		assertThat(status.getRecipient()).isEqualTo("+14155550100");
		assertThat(status.getSender()).isEqualTo("+15005550006");
		assertThat(status.getAttributes()).isEmpty();
	}

	@Test
	void refusesACallbackWithAWrongSignatureAndPublishesNothing() {
		String messageId = newMessageId();
		Callback delivered = this.carrier.callback(messageId, "delivered");
		String signedForOtherContent = this.carrier.sign(delivered.with("MessageStatus", "sent"));

		ApiResponse response = this.carrier.post(delivered, signedForOtherContent);

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertNothingButTheMarkerPublishedFor(messageId);
	}

	@Test
	void refusesACallbackWithoutASignatureAndPublishesNothing() {
		String messageId = newMessageId();

		ApiResponse response = this.carrier.post(this.carrier.callback(messageId, "delivered"), null);

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertNothingButTheMarkerPublishedFor(messageId);
	}

	@Test
	void refusesACallbackWhoseQueryWasChangedAfterSigning() {
		String messageId = newMessageId();
		String otherMessageId = newMessageId();
		Callback delivered = this.carrier.callback(messageId, "delivered");

		ApiResponse response = this.carrier.postTo("messageId=" + otherMessageId + "&accountId=acme", delivered);

		assertThat(response.status()).isEqualTo(403);
		assertNothingButTheMarkerPublishedFor(otherMessageId);
	}

	@Test
	void answersACallbackWithoutOurMessageIdWith400() {
		Callback anonymous = this.carrier.callback(newMessageId(), "delivered").withoutQuery("messageId");

		ApiResponse response = this.carrier.post(anonymous);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.<String>json("$.errors[0].field")).isEqualTo("messageId");
	}

	@Test
	void acknowledgesAStatusItDoesNotTrackWithoutPublishingIt() {
		String messageId = newMessageId();

		ApiResponse response = this.carrier.post(this.carrier.callback(messageId, "read"));

		assertThat(response.status()).isEqualTo(204);
		assertNothingButTheMarkerPublishedFor(messageId);
	}

	/**
	 * Posts a genuine callback for the same text and waits for it: it lands on the same
	 * partition after anything an earlier request of the test could have published
	 * (intake answers only after the broker acknowledged), so once it is read, that would
	 * have been read too.
	 */
	private void assertNothingButTheMarkerPublishedFor(String messageId) {
		assertThat(this.carrier.post(this.carrier.callback(messageId, "queued")).status()).isEqualTo(204);
		statuses.await((s) -> s.getMessageId().equals(messageId));
		assertThat(statuses.values((s) -> s.getMessageId().equals(messageId))).extracting(DeliveryStatus::getStatus)
			.containsExactly(MessageStatus.SUBMITTED);
	}

	private static String newMessageId() {
		return UUID.randomUUID().toString();
	}

}
