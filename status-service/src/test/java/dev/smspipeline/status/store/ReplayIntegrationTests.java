package dev.smspipeline.status.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.status.CarrierCallbacks;
import dev.smspipeline.status.Completions;
import dev.smspipeline.status.FreshAccount;
import dev.smspipeline.status.StatusEvents;
import dev.smspipeline.status.callback.CallbackSettings;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static dev.smspipeline.status.StatusEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store is a projection: empty its tables, let its consumer groups start again from
 * the beginning of the topics, and every answer comes back the same, and no campaign is
 * completed a second time.
 */
@ServiceIntegrationTest
class ReplayIntegrationTests {

	private static TopicProbe<CampaignEvent> campaignEvents;

	private final String baseUrl;

	private final CarrierCallbacks carrier;

	private final StatusEvents events;

	private final AccountDirectory accounts;

	ReplayIntegrationTests(@LocalServerPort int port, @Autowired CallbackSettings settings,
			@Autowired KafkaTemplate<String, SpecificRecord> kafka, @Autowired AccountDirectory accounts) {
		this.baseUrl = "http://localhost:" + port;
		this.carrier = new CarrierCallbacks(this.baseUrl, settings);
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
	void rebuildsTheSameAnswersFromTheTopics(@Autowired KafkaListenerEndpointRegistry registry,
			@Autowired KafkaAdmin kafkaAdmin, @Autowired JdbcClient jdbc) {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = UUID.randomUUID().toString();
		Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
		List<String> texts = new ArrayList<>();
		String[] numbers = { "+14155550201", "+14155550202", "+14155550201", "+14155550203" };
		for (int i = 0; i < numbers.length; i++) {
			String text = UUID.randomUUID().toString();
			texts.add(text);
			this.events.publish(status(account.id(), text, MessageStatus.REQUESTED).setCampaignId(campaign)
				.setRecipient(numbers[i])
				.setOccurredAt(start.plusSeconds(i)));
		}
		// Out of order and twice, as carriers post them; one silent text aged, then
		// delivered late.
		callbacks(account, texts.get(0), "delivered", "sent", "delivered", "queued");
		this.carrier.post(this.carrier.callback(account.id(), texts.get(1), "undelivered")
			.withError("30007", "Message filtered"));
		callbacks(account, texts.get(1), "sent");
		this.events.publish(status(account.id(), texts.get(2), MessageStatus.SUBMITTED),
				status(account.id(), texts.get(2), MessageStatus.DELIVERY_UNKNOWN));
		callbacks(account, texts.get(2), "delivered");
		this.events.publish(status(account.id(), texts.get(3), MessageStatus.REJECTED).setReasonCode("OPTED_OUT"));
		this.events.announceReleased(account.id(), campaign, texts.size());
		campaignEvents
			.await((event) -> event.getCampaignId().equals(campaign) && event.getType() == CampaignEventType.COMPLETED);
		this.events.awaitApplied(account.api(), account.id(), texts);
		Map<String, String> before = answers(account, campaign, texts, numbers);
		assertThat(before.get("/api/v1/campaigns/" + campaign + "/stats")).contains("\"COMPLETED\"");

		List<MessageListenerContainer> containers = List.of(registry.getListenerContainer("status-service-store"),
				registry.getListenerContainer("status-service-campaigns"));
		containers.forEach(MessageListenerContainer::stop);
		jdbc.sql("TRUNCATE message_status, message_status_history, campaign_counters, recipient_summary").update();
		try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
			Awaitility.await("the store's consumer groups deleted")
				.atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> {
					admin.deleteConsumerGroups(List.of("status-service-store", "status-service-campaigns")).all().get();
					return true;
				});
		}
		assertThat(account.api().get("/api/v1/campaigns/" + campaign + "/stats").status()).isEqualTo(404);
		containers.forEach(MessageListenerContainer::start);

		Awaitility.await("the same answers after the replay")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(answers(account, campaign, texts, numbers)).isEqualTo(before));
		Completions.assertOnlyOne(campaignEvents, campaign);
	}

	private void callbacks(FreshAccount account, String text, String... statuses) {
		for (String status : statuses) {
			assertThat(this.carrier.post(this.carrier.callback(account.id(), text, status)).status()).isEqualTo(204);
		}
	}

	/** What every query of the account answers, by path. */
	private static Map<String, String> answers(FreshAccount account, String campaign, List<String> texts,
			String[] numbers) {
		List<String> paths = new ArrayList<>(List.of("/api/v1/campaigns/" + campaign + "/stats",
				"/api/v1/campaigns?limit=10", "/api/v1/recipients?latestStatus=error", "/api/v1/recipients?minFailed=1",
				"/api/v1/recipients?latestStatus=delivered&limit=1", "/api/v1/messages?status=error",
				"/api/v1/messages?status=delivered", "/api/v1/messages?status=DELIVERED&limit=1"));
		for (String number : numbers) {
			paths.add("/api/v1/recipients/" + number + "/messages");
		}
		for (String text : texts) {
			paths.add("/api/v1/messages/" + text);
		}
		Map<String, String> answers = new LinkedHashMap<>();
		for (String path : paths) {
			ApiResponse response = account.api().get(path);
			answers.put(path, response.status() + " " + response.body());
		}
		return answers;
	}

}
