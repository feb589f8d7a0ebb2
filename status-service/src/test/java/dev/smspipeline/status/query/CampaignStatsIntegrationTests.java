package dev.smspipeline.status.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.status.CarrierCallbacks;
import dev.smspipeline.status.FreshAccount;
import dev.smspipeline.status.StatusEvents;
import dev.smspipeline.status.callback.CallbackSettings;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static dev.smspipeline.status.StatusEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class CampaignStatsIntegrationTests {

	private final String baseUrl;

	private final CarrierCallbacks carrier;

	private final StatusEvents events;

	private final AccountDirectory accounts;

	CampaignStatsIntegrationTests(@LocalServerPort int port, @Autowired CallbackSettings settings,
			@Autowired KafkaTemplate<String, SpecificRecord> kafka, @Autowired AccountDirectory accounts) {
		this.baseUrl = "http://localhost:" + port;
		this.carrier = new CarrierCallbacks(this.baseUrl, settings);
		this.events = new StatusEvents(kafka);
		this.accounts = accounts;
	}

	@Test
	void countsEveryStatusInItsBucketAndTheBucketsAddUpToTheTotal() {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = newId();
		List<String> texts = new ArrayList<>();
		for (MessageStatus status : List.of(MessageStatus.REQUESTED, MessageStatus.SCHEDULED, MessageStatus.QUEUED,
				MessageStatus.SUBMITTED, MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.UNDELIVERED,
				MessageStatus.FAILED, MessageStatus.REJECTED, MessageStatus.EXPIRED, MessageStatus.DELIVERY_UNKNOWN,
				MessageStatus.CANCELED)) {
			String text = newId();
			texts.add(text);
			this.events.publish(requested(account, text, campaign), status(account.id(), text, status));
		}
		String deleted = newId();
		texts.add(deleted);
		this.events.publish(requested(account, deleted, campaign),
				status(account.id(), deleted, MessageStatus.CANCELED).setReasonCode("LEAD_DELETED"));

		ApiResponse stats = awaitStats(account.api(), campaign, (response) -> total(response) == 13);

		assertThat(stats.<Map<String, Integer>>json("$.counts")).containsExactlyEntriesOf(counts(3, 2, 1, 4, 1, 1, 1));
		assertThat(stats.<String>json("$.campaignId")).isEqualTo(campaign);
		assertThat(stats.<String>json("$.completion.state")).isEqualTo("OPEN");
	}

	@Test
	void countsOutOfOrderAndDuplicatedCallbacksOnce() {
		String campaign = newId();
		String delivered = newId();
		String undelivered = newId();
		String sent = newId();
		FreshAccount acme = new FreshAccount(TestAccount.ACME.id(), TestAccount.ACME.apiKey(),
				ApiClient.as(TestAccount.ACME, this.baseUrl));
		for (String text : List.of(delivered, undelivered, sent)) {
			this.events.publish(requested(acme, text, campaign));
		}
		post(delivered, "delivered", "sent", "delivered", "queued");
		this.carrier.post(this.carrier.callback(undelivered, "undelivered").withError("30008", "Unknown error"));
		post(undelivered, "delivered", "sent");
		post(sent, "sent", "sent", "queued");
		this.events.awaitApplied(acme.api(), acme.id(), List.of(delivered, undelivered, sent));

		ApiResponse stats = acme.api().get("/api/v1/campaigns/" + campaign + "/stats");
		assertThat(stats.<Map<String, Integer>>json("$.counts")).containsExactlyEntriesOf(counts(0, 1, 1, 1, 0, 0, 0));

		// The same callbacks once more: the carrier retries; nothing moves.
		post(delivered, "delivered", "sent");
		this.carrier.post(this.carrier.callback(undelivered, "undelivered").withError("30008", "Unknown error"));
		post(sent, "sent");
		this.events.publish(requested(acme, delivered, campaign));
		this.events.awaitApplied(acme.api(), acme.id(), List.of(delivered, undelivered, sent));
		assertThat(acme.api().get("/api/v1/campaigns/" + campaign + "/stats").<Map<String, Integer>>json("$.counts"))
			.containsExactlyEntriesOf(counts(0, 1, 1, 1, 0, 0, 0));
	}

	@Test
	void countsATextWhoseCallbackBeatItsRequestInTheBucketItReached() {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = newId();
		String text = newId();
		this.carrier.post(this.carrier.callback(account.id(), text, "delivered"));
		this.events.awaitApplied(account.api(), account.id(), text);
		assertThat(account.api().get("/api/v1/campaigns/" + campaign + "/stats").status()).isEqualTo(404);

		this.events.publish(requested(account, text, campaign));

		ApiResponse stats = awaitStats(account.api(), campaign, (response) -> total(response) == 1);
		assertThat(stats.<Map<String, Integer>>json("$.counts")).containsExactlyEntriesOf(counts(0, 0, 1, 0, 0, 0, 0));
	}

	@Test
	void recordsTheFirstAndLastSubmissionOfACampaignWhateverTheOrder() {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = newId();
		Instant first = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
		Instant last = first.plusSeconds(60);
		String early = newId();
		String late = newId();
		this.events.publish(requested(account, early, campaign),
				status(account.id(), early, MessageStatus.SUBMITTED).setOccurredAt(first),
				status(account.id(), early, MessageStatus.SENT).setOccurredAt(first.plusSeconds(1)));
		this.events.publish(requested(account, late, campaign),
				status(account.id(), late, MessageStatus.SENT).setOccurredAt(last.plusSeconds(1)),
				status(account.id(), late, MessageStatus.SUBMITTED).setOccurredAt(last));

		// The latest SUBMITTED or SENT of any text, whatever order they were applied in.
		ApiResponse stats = awaitStats(account.api(), campaign, (response) -> response.json("$.lastSubmittedAt") != null
				&& Instant.parse(response.json("$.lastSubmittedAt")).equals(last.plusSeconds(1)));

		assertThat(Instant.parse(stats.<String>json("$.firstSubmittedAt"))).isEqualTo(first);
		assertThat(stats.<Integer>json("$.counts.outbox")).isEqualTo(2);
	}

	@Test
	void answersAnotherAccountsCampaignWith404AndNothingOfIt() {
		FreshAccount owner = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = newId();
		String text = newId();
		this.events.publish(requested(owner, text, campaign));
		awaitStats(owner.api(), campaign, (response) -> total(response) == 1);

		ApiResponse response = ApiClient.as(TestAccount.GLOBEX, this.baseUrl)
			.get("/api/v1/campaigns/" + campaign + "/stats");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain("counts");
	}

	@Test
	void listsTheAccountsCampaignsNewestFirstAcrossPages() {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		Instant start = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
		List<String> campaigns = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String campaign = "campaign-" + i + "-" + newId();
			campaigns.add(campaign);
			this.events.publish(requested(account, newId(), campaign).setOccurredAt(start.plusSeconds(i)));
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> account.api().get("/api/v1/campaigns?limit=500").<List<?>>json("$.items").size() == 5);

		List<String> seen = new ArrayList<>();
		String next = null;
		int pages = 0;
		do {
			ApiResponse page = account.api()
				.get("/api/v1/campaigns?limit=2" + ((next != null) ? "&cursor=" + next : ""));
			assertThat(page.status()).isEqualTo(200);
			seen.addAll(page.json("$.items[*].campaignId"));
			next = page.json("$.next");
			pages++;
		}
		while (next != null);

		assertThat(pages).isEqualTo(3);
		Collections.reverse(campaigns);
		assertThat(seen).containsExactlyElementsOf(campaigns);
	}

	private void post(String text, String... statuses) {
		for (String status : statuses) {
			assertThat(this.carrier.post(this.carrier.callback(text, status)).status()).isEqualTo(204);
		}
	}

	private static dev.smspipeline.events.DeliveryStatus.Builder requested(FreshAccount account, String text,
			String campaign) {
		return status(account.id(), text, MessageStatus.REQUESTED).setCampaignId(campaign)
			.setRecipient("+14155550100")
			.setOccurredAt(Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS));
	}

	private static ApiResponse awaitStats(ApiClient api, String campaign,
			java.util.function.Predicate<ApiResponse> until) {
		return Awaitility.await("stats of " + campaign)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> api.get("/api/v1/campaigns/" + campaign + "/stats"),
					(response) -> response.status() == 200 && until.test(response));
	}

	private static int total(ApiResponse stats) {
		return stats.<Integer>json("$.counts.total");
	}

	private static Map<String, Integer> counts(int inQueue, int outbox, int delivered, int error, int deliveryUnknown,
			int canceled, int deleted) {
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		counts.put("inQueue", inQueue);
		counts.put("outbox", outbox);
		counts.put("delivered", delivered);
		counts.put("error", error);
		counts.put("deliveryUnknown", deliveryUnknown);
		counts.put("canceled", canceled);
		counts.put("deleted", deleted);
		counts.put("total", inQueue + outbox + delivered + error + deliveryUnknown + canceled + deleted);
		return counts;
	}

	private static String newId() {
		return UUID.randomUUID().toString();
	}

}
