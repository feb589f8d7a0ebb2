package dev.smspipeline.status.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.status.FreshAccount;
import dev.smspipeline.status.StatusEvents;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static dev.smspipeline.status.StatusEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four searches users run, a recipient's texts, and their pagination. Each test
 * stores its texts under an account of its own, so it knows the exact answer.
 */
@ServiceIntegrationTest
class SearchIntegrationTests {

	/**
	 * Within the delivery window, so the ageing job leaves texts in the outbox alone.
	 */
	private static final Instant T0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

	private final String baseUrl;

	private final StatusEvents events;

	private final AccountDirectory accounts;

	SearchIntegrationTests(@LocalServerPort int port, @Autowired KafkaTemplate<String, SpecificRecord> kafka,
			@Autowired AccountDirectory accounts) {
		this.baseUrl = "http://localhost:" + port;
		this.events = new StatusEvents(kafka);
		this.accounts = accounts;
	}

	@Test
	void findsTheRecipientsWhoseLatestTextFailedNewestFirst() {
		Scenario scenario = new Scenario();
		// Failed, then delivered: the latest is fine.
		scenario.text("+14155550001", 0, MessageStatus.UNDELIVERED);
		scenario.text("+14155550001", 1, MessageStatus.DELIVERED);
		// Delivered, then failed in each way the error bucket has.
		scenario.text("+14155550002", 2, MessageStatus.DELIVERED);
		scenario.text("+14155550002", 3, MessageStatus.UNDELIVERED);
		scenario.text("+14155550003", 4, MessageStatus.REJECTED);
		scenario.text("+14155550004", 5, MessageStatus.FAILED);
		scenario.text("+14155550005", 6, MessageStatus.EXPIRED);
		// Still on its way.
		scenario.text("+14155550006", 7, MessageStatus.SENT);
		scenario.awaitStored();

		ApiResponse failed = scenario.account.api().get("/api/v1/recipients?latestStatus=error");

		assertThat(failed.status()).isEqualTo(200);
		assertThat(failed.<List<String>>json("$.items[*].recipient")).containsExactly("+14155550005", "+14155550004",
				"+14155550003", "+14155550002");
		assertThat(failed.<String>json("$.items[3].latestStatus")).isEqualTo("UNDELIVERED");
		assertThat(failed.<String>json("$.items[3].latestCarrierErrorCode")).isEqualTo("30008");
		assertThat(failed.<Integer>json("$.items[3].messageCount")).isEqualTo(2);
		assertThat(failed.<Object>json("$.next")).isNull();
		assertThat(scenario.account.api()
			.get("/api/v1/recipients?latestStatus=undelivered")
			.<List<String>>json("$.items[*].recipient")).containsExactly("+14155550002");
		assertThat(scenario.account.api()
			.get("/api/v1/recipients?latestStatus=outbox")
			.<List<String>>json("$.items[*].recipient")).containsExactly("+14155550006");
	}

	@Test
	void findsTheRecipientsWithAtLeastNFailedTexts() {
		Scenario scenario = new Scenario();
		scenario.text("+14155550011", 0, MessageStatus.UNDELIVERED);
		scenario.text("+14155550011", 1, MessageStatus.FAILED);
		scenario.text("+14155550011", 2, MessageStatus.DELIVERED);
		scenario.text("+14155550012", 3, MessageStatus.REJECTED);
		scenario.text("+14155550013", 4, MessageStatus.DELIVERED);
		scenario.text("+14155550014", 5, MessageStatus.EXPIRED);
		scenario.text("+14155550014", 6, MessageStatus.UNDELIVERED);
		scenario.text("+14155550014", 7, MessageStatus.UNDELIVERED);
		scenario.awaitStored();

		ApiResponse twice = scenario.account.api().get("/api/v1/recipients?minFailed=2");
		ApiResponse any = scenario.account.api().get("/api/v1/recipients?minFailed=1");

		assertThat(twice.<List<String>>json("$.items[*].recipient")).containsExactly("+14155550014", "+14155550011");
		assertThat(twice.<List<Integer>>json("$.items[*].failedCount")).containsExactly(3, 2);
		assertThat(any.<List<String>>json("$.items[*].recipient")).containsExactly("+14155550014", "+14155550012",
				"+14155550011");
		assertThat(scenario.account.api()
			.get("/api/v1/recipients?minFailed=2&latestStatus=error")
			.<List<String>>json("$.items[*].recipient")).containsExactly("+14155550014");
	}

	@Test
	void findsTheFailedTextsCreatedInATimeRange() {
		Scenario scenario = new Scenario();
		String before = scenario.text("+14155550021", 0, MessageStatus.UNDELIVERED);
		String first = scenario.text("+14155550022", 60, MessageStatus.FAILED);
		scenario.text("+14155550023", 61, MessageStatus.DELIVERED);
		String second = scenario.text("+14155550024", 62, MessageStatus.UNDELIVERED);
		String atTheEnd = scenario.text("+14155550025", 120, MessageStatus.REJECTED);
		scenario.awaitStored();

		ApiResponse inRange = scenario.account.api()
			.get("/api/v1/messages?status=error&createdFrom=" + T0.plusSeconds(60) + "&createdTo="
					+ T0.plusSeconds(120));

		assertThat(inRange.status()).isEqualTo(200);
		assertThat(inRange.<List<String>>json("$.items[*].messageId")).containsExactly(second, first);
		assertThat(inRange.<List<String>>json("$.items[*].status")).containsExactly("UNDELIVERED", "FAILED");
		assertThat(
				scenario.account.api().get("/api/v1/messages?status=error").<List<String>>json("$.items[*].messageId"))
			.containsExactly(atTheEnd, second, first, before);
		assertThat(scenario.account.api()
			.get("/api/v1/messages?status=FAILED&createdFrom=" + T0)
			.<List<String>>json("$.items[*].messageId")).containsExactly(first);
	}

	@Test
	void listsARecipientsTextsNewestFirstWithTheirErrors() {
		Scenario scenario = new Scenario();
		String older = scenario.text("+14155550031", 0, MessageStatus.DELIVERED);
		String newer = scenario.text("+14155550031", 10, MessageStatus.UNDELIVERED);
		scenario.text("+14155550032", 20, MessageStatus.DELIVERED);
		scenario.awaitStored();

		ApiResponse texts = scenario.account.api().get("/api/v1/recipients/+14155550031/messages");

		assertThat(texts.status()).isEqualTo(200);
		assertThat(texts.<List<String>>json("$.items[*].messageId")).containsExactly(newer, older);
		assertThat(texts.<String>json("$.items[0].carrierErrorDescription")).isNotBlank();
		assertThat(texts.<Object>json("$.next")).isNull();
		assertThat(scenario.account.api()
			.get("/api/v1/recipients/%2B14155550031/messages")
			.<List<String>>json("$.items[*].messageId")).containsExactly(newer, older);
	}

	@Test
	void pagesThroughEveryListWithoutGapsOrRepeats() {
		Scenario scenario = new Scenario();
		List<String> failedTexts = new ArrayList<>();
		List<String> recipients = new ArrayList<>();
		List<String> textsToOne = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			String recipient = "+1415555004" + i;
			recipients.add(0, recipient);
			failedTexts.add(0, scenario.text(recipient, 2 * i, MessageStatus.UNDELIVERED));
			textsToOne.add(0, scenario.text("+14155550050", 2 * i + 1, MessageStatus.DELIVERED));
		}
		// Same creation time: the id decides the order.
		String sameTimeA = scenario.text("+14155550050", 100, MessageStatus.DELIVERED);
		String sameTimeB = scenario.text("+14155550050", 100, MessageStatus.DELIVERED);
		textsToOne.addAll(0,
				(sameTimeA.compareTo(sameTimeB) > 0) ? List.of(sameTimeA, sameTimeB) : List.of(sameTimeB, sameTimeA));
		scenario.awaitStored();

		assertThat(pages(scenario.account.api(), "/api/v1/messages?status=error&limit=3", "$.items[*].messageId", 3))
			.containsExactlyElementsOf(failedTexts);
		assertThat(pages(scenario.account.api(), "/api/v1/recipients?latestStatus=error&limit=3",
				"$.items[*].recipient", 3))
			.containsExactlyElementsOf(recipients);
		assertThat(pages(scenario.account.api(), "/api/v1/recipients?minFailed=1&limit=4", "$.items[*].recipient", 2))
			.containsExactlyElementsOf(recipients);
		assertThat(pages(scenario.account.api(), "/api/v1/recipients/+14155550050/messages?limit=2",
				"$.items[*].messageId", 5))
			.containsExactlyElementsOf(textsToOne);
	}

	@Test
	void keepsEveryAccountsSearchesToItself() {
		Scenario mine = new Scenario();
		String text = mine.text("+14155550061", 0, MessageStatus.UNDELIVERED);
		mine.awaitStored();
		ApiClient globex = ApiClient.as(TestAccount.GLOBEX, this.baseUrl);
		FreshAccount other = FreshAccount.create(this.accounts, this.baseUrl);

		for (ApiClient stranger : List.of(globex, other.api())) {
			assertThat(stranger.get("/api/v1/recipients/+14155550061/messages").<List<?>>json("$.items")).isEmpty();
			assertThat(stranger.get("/api/v1/messages?status=error").body()).doesNotContain(text);
			assertThat(stranger.get("/api/v1/recipients?minFailed=1").body()).doesNotContain(text);
			assertThat(stranger.get("/api/v1/recipients?latestStatus=error").body()).doesNotContain(text);
			assertThat(stranger.get("/api/v1/messages/" + text).status()).isEqualTo(404);
		}
		assertThat(other.api().get("/api/v1/recipients?minFailed=1").<List<?>>json("$.items")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/api/v1/messages?status=error&limit=0                          | limit
			/api/v1/messages?status=error&limit=501                        | limit
			/api/v1/messages?status=error&limit=many                       | limit
			/api/v1/messages?status=error&cursor=not-a-cursor              | cursor
			/api/v1/messages?status=bogus                                  | status
			/api/v1/messages                                               | status
			/api/v1/messages?status=error&createdFrom=yesterday            | createdFrom
			/api/v1/messages?status=error&createdTo=2026-13-01T00:00:00Z   | createdTo
			/api/v1/messages?status=error&createdFrom=2026-03-02T00:00:00Z&createdTo=2026-03-01T00:00:00Z | createdTo
			/api/v1/recipients                                             | latestStatus
			/api/v1/recipients?minFailed=0                                 | minFailed
			/api/v1/recipients?minFailed=two                               | minFailed
			/api/v1/recipients?latestStatus=nope                           | latestStatus
			/api/v1/recipients?minFailed=1&cursor=bTF8MjAyNi0wMy0wMVQwMDowMDowMFp8eA | cursor
			/api/v1/recipients/14155550100/messages                        | e164
			/api/v1/recipients/+1415abc/messages                           | e164
			/api/v1/campaigns?limit=-1                                     | limit
			""")
	void answersABadParameterWith400NamingIt(String path, String field) {
		ApiResponse response = ApiClient.as(TestAccount.ACME, this.baseUrl).get(path);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.<String>json("$.errors[0].field")).isEqualTo(field);
	}

	private static List<String> pages(ApiClient api, String path, String items, int expectedPages) {
		List<String> seen = new ArrayList<>();
		String next = null;
		int pages = 0;
		do {
			ApiResponse page = api.get(path + ((next != null) ? "&cursor=" + next : ""));
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			seen.addAll(page.<List<String>>json(items));
			next = page.json("$.next");
			pages++;
		}
		while (next != null && pages < 20);
		assertThat(pages).as("pages of " + path).isEqualTo(expectedPages);
		return seen;
	}

	/** Texts of an account of the test's own, created at known times. */
	private final class Scenario {

		private final FreshAccount account = FreshAccount.create(SearchIntegrationTests.this.accounts,
				SearchIntegrationTests.this.baseUrl);

		private final List<String> texts = new ArrayList<>();

		/**
		 * A text to {@code recipient}, requested {@code second}s after {@link #T0} and
		 * moved to {@code status} a second later; returns its id.
		 */
		String text(String recipient, int second, MessageStatus status) {
			String id = UUID.randomUUID().toString();
			Instant created = T0.plusSeconds(second);
			DeliveryStatus.Builder final_ = status(this.account.id(), id, status)
				.setOccurredAt(created.plusMillis(500));
			if (status == MessageStatus.UNDELIVERED) {
				final_.setCarrierErrorCode("30008").setCarrierErrorDescription("Unknown error");
			}
			SearchIntegrationTests.this.events
				.publish(status(this.account.id(), id, MessageStatus.REQUESTED).setRecipient(recipient)
					.setOccurredAt(created)
					.setCampaignId("campaign-" + this.account.id()), final_);
			this.texts.add(id);
			return id;
		}

		/** Waits until the store has every text in its final status. */
		void awaitStored() {
			SearchIntegrationTests.this.events.awaitApplied(this.account.api(), this.account.id(), this.texts);
		}

	}

}
