package dev.smspipeline.status.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.status.CarrierCallbacks;
import dev.smspipeline.status.Completions;
import dev.smspipeline.status.FreshAccount;
import dev.smspipeline.status.StatusEvents;
import dev.smspipeline.status.StatusServiceApplication;
import dev.smspipeline.status.callback.CallbackSettings;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.spring.InfrastructureInitializer;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static dev.smspipeline.status.StatusEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ageing and window completion with a 2 s delivery window, and a second instance of the
 * service beside this one. Its own application context (closed after the class, so its
 * short window ages nothing of other classes); it shares the database and consumer groups
 * with the main test context, as instances of one deployment do.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "sms.status.delivery-window=PT2S", "sms.status.ageing.interval=200ms",
		"sms.status.ageing.batch-size=10" })
@DirtiesContext
class LifecycleIntegrationTests {

	private static final String STORE_GROUP = "status-service-store";

	@RegisterExtension
	static final TopicProbe<DeliveryStatus> statuses = TopicProbe.of(Topics.DELIVERY_STATUS);

	@RegisterExtension
	static final TopicProbe<CampaignEvent> campaignEvents = TopicProbe.of(Topics.CAMPAIGN_EVENTS);

	private final String baseUrl;

	private final CarrierCallbacks carrier;

	private final StatusEvents events;

	private final AccountDirectory accounts;

	private final DeliveryAgeing ageing;

	LifecycleIntegrationTests(@LocalServerPort int port, @Autowired CallbackSettings settings,
			@Autowired KafkaTemplate<String, SpecificRecord> kafka, @Autowired AccountDirectory accounts,
			@Autowired DeliveryAgeing ageing) {
		this.baseUrl = "http://localhost:" + port;
		this.carrier = new CarrierCallbacks(this.baseUrl, settings);
		this.events = new StatusEvents(kafka);
		this.accounts = accounts;
		this.ageing = ageing;
	}

	@Test
	void turnsASilentTextDeliveryUnknownAndALateDeliveredUpgradesIt() {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = UUID.randomUUID().toString();
		String text = requested(account, campaign);
		this.carrier.post(this.carrier.callback(account.id(), text, "sent"));

		ApiResponse aged = awaitMessage(account.api(), text, "DELIVERY_UNKNOWN");
		assertThat(aged.<String>json("$.reasonCode")).isEqualTo("DELIVERY_WINDOW_PASSED");
		assertThat(aged.<List<String>>json("$.history[*].source")).last().isEqualTo("STATUS_AGEING");
		ConsumerRecord<String, DeliveryStatus> published = statuses
			.awaitRecord((record) -> record.value() != null && record.value().getMessageId().equals(text)
					&& record.value().getStatus() == MessageStatus.DELIVERY_UNKNOWN);
		assertThat(published.key()).isEqualTo(text);
		assertThat(published.value().getEventId()).isEqualTo(text + ":DELIVERY_UNKNOWN");
		assertThat(published.value().getSource()).isEqualTo(StatusSource.STATUS_AGEING);
		assertThat(published.value().getAccountId()).isEqualTo(account.id());
		assertThat(published.value().getCampaignId()).isEqualTo(campaign);
		assertThat(stats(account, campaign).<Integer>json("$.counts.deliveryUnknown")).isEqualTo(1);

		this.carrier.post(this.carrier.callback(account.id(), text, "delivered"));

		ApiResponse delivered = awaitMessage(account.api(), text, "DELIVERED");
		assertThat(delivered.<List<String>>json("$.history[*].status")).containsExactly("REQUESTED", "SENT",
				"DELIVERY_UNKNOWN", "DELIVERED");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> stats(account, campaign).<Integer>json("$.counts.delivered"), (count) -> count == 1);
		assertThat(stats(account, campaign).<Integer>json("$.counts.deliveryUnknown")).isZero();
	}

	@Test
	void completesACampaignOnceTheDeliveryWindowHasPassedSinceItsLastSubmission() {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = UUID.randomUUID().toString();
		String delivered = requested(account, campaign);
		String silent = requested(account, campaign);
		requested(account, campaign); // never leaves the queue
		this.events.announceReleased(account.id(), campaign, 3);
		this.carrier.post(this.carrier.callback(account.id(), delivered, "delivered"));
		this.carrier.post(this.carrier.callback(account.id(), silent, "sent"));

		CampaignEvent completion = campaignEvents
			.await((event) -> event.getCampaignId().equals(campaign) && event.getType() == CampaignEventType.COMPLETED);

		assertThat(completion.getReason()).isEqualTo("DELIVERY_WINDOW_PASSED");
		assertThat(completion.getCounts()).containsEntry("inQueue", 1L)
			.containsEntry("outbox", 0L)
			.containsEntry("delivered", 1L)
			.containsEntry("deliveryUnknown", 1L)
			.containsEntry("total", 3L);
		// The job commits its ledger only after the broker acknowledged the event.
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> stats(account, campaign).<String>json("$.completion.state"), "COMPLETED"::equals);
		Completions.assertOnlyOne(campaignEvents, campaign);
	}

	@Test
	void publishesEachSilentTextOnceEvenWhenRunsOverlap() throws Exception {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String text = UUID.randomUUID().toString();
			texts.add(text);
			this.events.publish(status(account.id(), text, MessageStatus.SENT).setRecipient("+14155550100"));
		}
		this.events.awaitApplied(account.api(), account.id(), texts);

		// Four more runners beside the scheduled one, each claiming batches of 10 until
		// every text was published.
		AtomicBoolean done = new AtomicBoolean();
		ExecutorService runners = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(runners.submit(() -> {
					int claimed = 0;
					long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
					while (!done.get() && System.nanoTime() < deadline) {
						claimed += this.ageing.ageOneBatch();
					}
					return claimed;
				}));
			}
			Awaitility.await("every silent text aged")
				.atMost(Duration.ofSeconds(30))
				.until(() -> agedCount(texts) == texts.size());
			done.set(true);
			for (Future<Integer> run : runs) {
				run.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			done.set(true);
			runners.shutdown();
		}

		Awaitility.await()
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> statuses
				.values((event) -> texts.contains(event.getMessageId())
						&& event.getStatus() == MessageStatus.DELIVERY_UNKNOWN)
				.size(), (count) -> count == texts.size());
		Set<String> aged = new HashSet<>();
		statuses.values(
				(event) -> texts.contains(event.getMessageId()) && event.getStatus() == MessageStatus.DELIVERY_UNKNOWN)
			.forEach((event) -> assertThat(aged.add(event.getMessageId())).as(event.getMessageId()).isTrue());
	}

	@Test
	void sharesTheWorkWithASecondInstanceAndEitherAnswers(@Autowired KafkaListenerEndpointRegistry registry) {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(StatusServiceApplication.class)
			.initializers(new InfrastructureInitializer())
			.run("--server.port=0", "--management.server.port=0", "--sms.status.delivery-window=PT2S",
					"--spring.main.banner-mode=off")) {
			MessageListenerContainer mine = registry.getListenerContainer(STORE_GROUP);
			MessageListenerContainer theirs = second.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer(STORE_GROUP);
			Awaitility.await("both instances own partitions of " + Topics.DELIVERY_STATUS)
				.atMost(Duration.ofSeconds(60))
				.until(() -> owned(mine).size() > 0 && owned(theirs).size() > 0);
			assertThat(owned(mine)).doesNotContainAnyElementsOf(owned(theirs));

			String secondUrl = "http://localhost" + ":" + second.getEnvironment().getProperty("local.server.port");
			CarrierCallbacks secondCarrier = new CarrierCallbacks(secondUrl, second.getBean(CallbackSettings.class));
			ApiClient secondApi = ApiClient.withAuthorization("Bearer " + account.apiKey(), secondUrl);
			List<String> texts = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				String text = requested(account, "campaign-" + account.id());
				texts.add(text);
				CarrierCallbacks intake = (i % 2 == 0) ? this.carrier : secondCarrier;
				assertThat(intake.post(intake.callback(account.id(), text, "delivered")).status()).isEqualTo(204);
			}

			for (String text : texts) {
				awaitMessage(secondApi, text, "DELIVERED");
				assertThat(account.api().get("/api/v1/messages/" + text).<String>json("$.status"))
					.isEqualTo("DELIVERED");
			}
			assertThat(secondApi.get("/api/v1/campaigns/campaign-" + account.id() + "/stats").body())
				.isEqualTo(account.api().get("/api/v1/campaigns/campaign-" + account.id() + "/stats").body());
		}
	}

	private static Set<TopicPartition> owned(MessageListenerContainer container) {
		Set<TopicPartition> partitions = new HashSet<>();
		if (container.getAssignedPartitions() != null) {
			partitions.addAll(container.getAssignedPartitions());
		}
		return partitions;
	}

	private String requested(FreshAccount account, String campaign) {
		String text = UUID.randomUUID().toString();
		this.events.publish(status(account.id(), text, MessageStatus.REQUESTED).setCampaignId(campaign)
			.setRecipient("+14155550100")
			.setOccurredAt(Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS)));
		return text;
	}

	private int agedCount(List<String> texts) {
		return statuses.values(
				(event) -> texts.contains(event.getMessageId()) && event.getStatus() == MessageStatus.DELIVERY_UNKNOWN)
			.size();
	}

	private static ApiResponse awaitMessage(ApiClient api, String text, String status) {
		return Awaitility.await(text + " " + status)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> api.get("/api/v1/messages/" + text),
					(response) -> response.status() == 200 && status.equals(response.json("$.status")));
	}

	private static ApiResponse stats(FreshAccount account, String campaign) {
		return account.api().get("/api/v1/campaigns/" + campaign + "/stats");
	}

}
