package dev.smspipeline.status.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.status.Completions;
import dev.smspipeline.status.FreshAccount;
import dev.smspipeline.status.StatusEvents;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static dev.smspipeline.status.StatusEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completion by the "every released text is final" rule, with the shared context's 48 h
 * delivery window (the window rule is in {@link LifecycleIntegrationTests}).
 */
@ServiceIntegrationTest
class CampaignCompletionIntegrationTests {

	private static TopicProbe<CampaignEvent> campaignEvents;

	private final String baseUrl;

	private final StatusEvents events;

	private final AccountDirectory accounts;

	CampaignCompletionIntegrationTests(@LocalServerPort int port,
			@Autowired KafkaTemplate<String, SpecificRecord> kafka, @Autowired AccountDirectory accounts) {
		this.baseUrl = "http://localhost:" + port;
		this.events = new StatusEvents(kafka);
		this.accounts = accounts;
	}

	@BeforeAll
	static void openProbe() {
		campaignEvents = TopicProbe.of(Topics.CAMPAIGN_EVENTS);
	}

	@AfterAll
	static void closeProbe() {
		campaignEvents.close();
	}

	@Test
	void publishesTheCompletionOnceWhenEveryReleasedTextIsFinal() {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = UUID.randomUUID().toString();
		String delivered = text(account, campaign);
		String undelivered = text(account, campaign);
		String deleted = text(account, campaign);
		this.events.announceReleased(account.id(), campaign, 3);

		this.events.publish(status(account.id(), delivered, MessageStatus.DELIVERED),
				status(account.id(), undelivered, MessageStatus.UNDELIVERED).setCarrierErrorCode("30003"),
				status(account.id(), deleted, MessageStatus.CANCELED).setReasonCode("LEAD_DELETED"));

		ConsumerRecord<String, CampaignEvent> record = campaignEvents.awaitRecord((r) -> completionOf(campaign, r));
		CampaignEvent completion = record.value();
		assertThat(record.key()).isEqualTo(campaign);
		assertThat(completion.getEventId()).isEqualTo(campaign + ":COMPLETED");
		assertThat(completion.getAccountId()).isEqualTo(account.id());
		assertThat(completion.getStatus()).isEqualTo(CampaignStatus.DONE);
		assertThat(completion.getReason()).isEqualTo("ALL_TERMINAL");
		assertThat(completion.getCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("inQueue", 0L, "outbox", 0L,
				"delivered", 1L, "error", 1L, "deliveryUnknown", 0L, "canceled", 0L, "deleted", 1L, "total", 3L));
		// The job commits its ledger only after the broker acknowledged the event.
		ApiResponse stats = Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> account.api().get("/api/v1/campaigns/" + campaign + "/stats"),
					(answer) -> "COMPLETED".equals(answer.<String>json("$.completion.state")));
		assertThat(stats.<String>json("$.completion.reason")).isEqualTo("ALL_TERMINAL");
		assertThat(stats.<Integer>json("$.completion.released")).isEqualTo(3);
		assertThat(Instant.parse(stats.<String>json("$.completion.completedAt"))).isEqualTo(completion.getOccurredAt());

		// A late callback and a repeated announcement do not complete it again.
		this.events
			.publish(status(account.id(), delivered, MessageStatus.SENT).setEventId(UUID.randomUUID().toString()));
		this.events.announceReleased(account.id(), campaign, 3);
		Completions.assertOnlyOne(campaignEvents, campaign);
	}

	@Test
	void waitsForTheReleaseAnnouncementAndForEveryReleasedText() {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = UUID.randomUUID().toString();
		String first = text(account, campaign);
		String second = text(account, campaign);
		this.events.publish(status(account.id(), first, MessageStatus.DELIVERED),
				status(account.id(), second, MessageStatus.REJECTED).setReasonCode("OPTED_OUT"));
		this.events.awaitApplied(account.api(), account.id(), List.of(first, second));
		Completions.assertNone(campaignEvents, campaign);
		assertThat(account.api().get("/api/v1/campaigns/" + campaign + "/stats").<String>json("$.completion.state"))
			.isEqualTo("OPEN");

		this.events.announceReleased(account.id(), campaign, 3);
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> account.api()
				.get("/api/v1/campaigns/" + campaign + "/stats")
				.<String>json("$.completion.state"), "RELEASED"::equals);
		Completions.assertNone(campaignEvents, campaign);

		String third = text(account, campaign);
		this.events.publish(status(account.id(), third, MessageStatus.DELIVERED));

		CampaignEvent completion = campaignEvents
			.await((event) -> event.getCampaignId().equals(campaign) && event.getType() == CampaignEventType.COMPLETED);
		assertThat(completion.getCounts()).containsEntry("delivered", 2L)
			.containsEntry("error", 1L)
			.containsEntry("total", 3L);
	}

	@Test
	void listsACampaignThatFailedBeforeAnyTextWithItsReason() {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = UUID.randomUUID().toString();

		this.events.announceFailed(account.id(), campaign, "SENDING_LIMIT: over the daily limit of 2");

		ApiResponse stats = Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> account.api().get("/api/v1/campaigns/" + campaign + "/stats"),
					(response) -> response.status() == 200);
		assertThat(stats.<String>json("$.completion.campaignStatus")).isEqualTo("FAILED");
		assertThat(stats.<String>json("$.completion.reason")).isEqualTo("SENDING_LIMIT: over the daily limit of 2");
		assertThat(stats.<Integer>json("$.counts.total")).isZero();
		Completions.assertNone(campaignEvents, campaign);
	}

	@Test
	void givesTheDeliveryWindowAsReasonWhenSomeTextsAreOnlyFinalByAgeing() {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = UUID.randomUUID().toString();
		String delivered = text(account, campaign);
		String silent = text(account, campaign);
		this.events.announceReleased(account.id(), campaign, 2);

		this.events.publish(status(account.id(), delivered, MessageStatus.DELIVERED),
				status(account.id(), silent, MessageStatus.SENT),
				status(account.id(), silent, MessageStatus.DELIVERY_UNKNOWN));

		CampaignEvent completion = campaignEvents
			.await((event) -> event.getCampaignId().equals(campaign) && event.getType() == CampaignEventType.COMPLETED);
		assertThat(completion.getReason()).isEqualTo("DELIVERY_WINDOW_PASSED");
		assertThat(completion.getCounts()).containsEntry("deliveryUnknown", 1L).containsEntry("delivered", 1L);
	}

	private String text(FreshAccount account, String campaign) {
		String id = UUID.randomUUID().toString();
		DeliveryStatus.Builder requested = status(account.id(), id, MessageStatus.REQUESTED).setCampaignId(campaign)
			.setRecipient("+14155550100")
			.setOccurredAt(Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS));
		this.events.publish(requested);
		return id;
	}

	private static boolean completionOf(String campaign, ConsumerRecord<String, CampaignEvent> record) {
		return record.value() != null && record.value().getCampaignId().equals(campaign)
				&& record.value().getType() == CampaignEventType.COMPLETED;
	}

}
