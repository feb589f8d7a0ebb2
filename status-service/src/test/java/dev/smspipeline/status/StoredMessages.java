package dev.smspipeline.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;

import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;

/**
 * Texts in the status store as a test sees them: published as campaign-service would, and
 * read back through {@code GET /api/v1/messages/{id}} once the store has them.
 */
public final class StoredMessages {

	/** The recipient of every text these tests request. */
	public static final String RECIPIENT = "+14155550100";

	private StoredMessages() {
	}

	/**
	 * Publishes the REQUESTED status campaign-service writes for a new text of
	 * {@code account}, a second before now, and waits for the broker to hold it.
	 */
	public static void publishRequested(KafkaTemplate<String, SpecificRecord> kafka, TestAccount account,
			String messageId) {
		publishRequested(kafka, Topics.DELIVERY_STATUS, account, messageId);
	}

	/**
	 * Like {@link #publishRequested(KafkaTemplate, TestAccount, String)}, to another
	 * topic.
	 */
	public static void publishRequested(KafkaTemplate<String, SpecificRecord> kafka, String topic, TestAccount account,
			String messageId) {
		DeliveryStatus requested = DeliveryStatus.newBuilder()
			.setEventId(messageId + ":" + MessageStatus.REQUESTED.name())
			.setMessageId(messageId)
			.setAccountId(account.id())
			.setCampaignId("campaign-" + messageId)
			.setRecipient(RECIPIENT)
			.setSender("+15005550006")
			.setStatus(MessageStatus.REQUESTED)
			.setSegments(1)
			.setOccurredAt(Instant.now().minusSeconds(1))
			.setSource(StatusSource.CAMPAIGN)
			.setAttributes(Map.of())
			.build();
		kafka.send(topic, messageId, requested).join();
	}

	/** Waits until the text's answer matches {@code until}, and returns it. */
	public static ApiResponse await(ApiClient api, String messageId, Predicate<ApiResponse> until) {
		return Awaitility.await("message " + messageId + " in the store")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> api.get("/api/v1/messages/" + messageId), until::test);
	}

	/** Whether the answer shows the text with this current status. */
	public static Predicate<ApiResponse> hasStatus(MessageStatus status) {
		return (response) -> response.status() == 200 && status.name().equals(response.json("$.status"));
	}

	/** Whether the answer shows the text with this many history entries. */
	public static Predicate<ApiResponse> hasHistoryOf(int entries) {
		return (response) -> response.status() == 200
				&& response.<java.util.List<?>>json("$.history").size() == entries;
	}

}
