package dev.smspipeline.campaign.idempotency;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.HeldLock;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.MutableClock;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.OneOffs;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.spring.ResetAfterEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on {@code POST /api/v1/messages}: one text per key and account,
 * whatever arrives at the same time or again later.
 */
@CampaignServiceTest
class IdempotencyKeyIntegrationTests {

	@RegisterExtension
	static final TopicProbe<MessageRequested> requests = TopicProbe.of(Topics.MESSAGE_REQUESTED);

	@RegisterExtension
	static final TopicProbe<DeliveryStatus> statuses = TopicProbe.of(Topics.DELIVERY_STATUS);

	@RegisterExtension
	static final ResetAfterEach<MutableClock> clockReset = ResetAfterEach.of(MutableClock.class, MutableClock::reset);

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	DataSource dataSource;

	@Autowired
	IdempotencySettings settings;

	@Test
	void fourIdenticalRequestsWithOneKeyAtTheSameInstantMakeOneText() {
		String recipient = Numbers.newYork();
		String key = UUID.randomUUID().toString();
		String json = OneOffs.json(recipient, "Your appointment is confirmed");
		List<HttpResponse<String>> answers;
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try (HeldLock lock = HeldLock.duplicateCheck(this.dataSource, "acme", recipient)) {
			List<CompletableFuture<HttpResponse<String>>> racing = IntStream.range(0, 4)
				.mapToObj((i) -> CompletableFuture.supplyAsync(
						() -> acme().postJsonWithHeaders("/api/v1/messages", json, "Idempotency-Key", key), pool))
				.toList();
			// All four in flight: one holds the key and waits for the recipient's lock,
			// three
			// wait for its key.
			lock.awaitWaiters(4);
			lock.close();
			answers = racing.stream().map(CompletableFuture::join).toList();
		}
		finally {
			pool.shutdown();
		}

		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202);
		assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.get(0).body());
		assertThat(answers).filteredOn((answer) -> answer.headers().firstValue("Idempotent-Replayed").isPresent())
			.hasSize(3);
		String messageId = JsonPath.read(answers.get(0).body(), "$.messageId");
		OneOffs.awaitEverythingPublishedTo(acme(), requests, recipient);
		assertThat(requests.values((request) -> request.getRecipient().equals(recipient)
				&& request.getBody().equals("Your appointment is confirmed")))
			.singleElement()
			.satisfies((request) -> {
				assertThat(request.getMessageId()).isEqualTo(messageId);
				assertThat(request.getIdempotencyKey()).isEqualTo(key);
			});
		assertThat(statuses.await((status) -> status.getMessageId().equals(messageId)).getStatus())
			.isEqualTo(MessageStatus.REQUESTED);
	}

	@Test
	void aRepeatAnswersTheFirstAnswerAgainAndSendsNothing() {
		String recipient = Numbers.newYork();
		String key = UUID.randomUUID().toString();
		String json = """
				{"recipient": "%s", "body": "Receipt 1", "allowDuplicate": true}""".formatted(recipient);
		HttpResponse<String> first = acme().postJsonWithHeaders("/api/v1/messages", json, "Idempotency-Key", key);
		HttpResponse<String> again = acme().postJsonWithHeaders("/api/v1/messages", json, "Idempotency-Key", key);

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		OneOffs.awaitEverythingPublishedTo(acme(), requests, recipient);
		assertThat(requests
			.values((request) -> request.getRecipient().equals(recipient) && request.getBody().equals("Receipt 1")))
			.hasSize(1);
	}

	@Test
	void theSameKeyWithAnotherBodyAnswers422() {
		String recipient = Numbers.newYork();
		String key = UUID.randomUUID().toString();
		acme().postJsonWithHeaders("/api/v1/messages", OneOffs.json(recipient, "First"), "Idempotency-Key", key);

		HttpResponse<String> other = acme().postJsonWithHeaders("/api/v1/messages", OneOffs.json(recipient, "Second"),
				"Idempotency-Key", key);

		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(other.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.<String>read(other.body(), "$.errors[0].field")).isEqualTo("Idempotency-Key");
		assertThat(JsonPath.<String>read(other.body(), "$.errors[0].reason")).contains("different request");
	}

	@Test
	void theKeyIsTheAccountsOwn() {
		String recipient = Numbers.newYork();
		String key = UUID.randomUUID().toString();
		String json = OneOffs.json(recipient, "Hello from two accounts");

		HttpResponse<String> acme = acme().postJsonWithHeaders("/api/v1/messages", json, "Idempotency-Key", key);
		HttpResponse<String> globex = Http.as(TestAccount.GLOBEX, this.port)
			.postJsonWithHeaders("/api/v1/messages", json, "Idempotency-Key", key);

		assertThat(globex.statusCode()).isEqualTo(202);
		assertThat(JsonPath.<String>read(globex.body(), "$.messageId"))
			.isNotEqualTo(JsonPath.<String>read(acme.body(), "$.messageId"));
		assertThat(globex.headers().firstValue("Idempotent-Replayed")).isEmpty();
	}

	@Test
	void aKeyMakesANewTextOnceItsRetentionPassed() {
		String recipient = Numbers.newYork();
		String key = UUID.randomUUID().toString();
		String json = OneOffs.json(recipient, "Daily digest");
		HttpResponse<String> first = acme().postJsonWithHeaders("/api/v1/messages", json, "Idempotency-Key", key);

		this.clock.advance(this.settings.retention().plusSeconds(1));
		HttpResponse<String> later = acme().postJsonWithHeaders("/api/v1/messages", json, "Idempotency-Key", key);

		assertThat(later.statusCode()).isEqualTo(202);
		assertThat(later.headers().firstValue("Idempotent-Replayed")).isEmpty();
		String laterId = JsonPath.read(later.body(), "$.messageId");
		assertThat(laterId).isNotEqualTo(JsonPath.<String>read(first.body(), "$.messageId"));
		requests.await((request) -> request.getMessageId().equals(laterId));
	}

	@Test
	void aRejectedAnswerIsRepeatedToo() {
		String key = UUID.randomUUID().toString();
		String json = OneOffs.json("+15550000000", "Hello nobody");
		HttpResponse<String> first = acme().postJsonWithHeaders("/api/v1/messages", json, "Idempotency-Key", key);
		HttpResponse<String> again = acme().postJsonWithHeaders("/api/v1/messages", json, "Idempotency-Key", key);

		assertThat(again.body()).isEqualTo(first.body());
		assertThat(JsonPath.<String>read(first.body(), "$.status")).isEqualTo("REJECTED");
		assertThat(JsonPath.<String>read(first.body(), "$.reasonCode")).isEqualTo("INVALID_NUMBER");
		String messageId = JsonPath.read(first.body(), "$.messageId");
		DeliveryStatus rejected = statuses.await((status) -> status.getMessageId().equals(messageId));
		assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
	}

	@Test
	void refusesAKeyLongerThanTheLimit() {
		HttpResponse<String> answer = acme().postJsonWithHeaders("/api/v1/messages",
				OneOffs.json(Numbers.newYork(), "Hello"), "Idempotency-Key", "k".repeat(256));

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(JsonPath.<String>read(answer.body(), "$.errors[0].field")).isEqualTo("Idempotency-Key");
	}

	private Http acme() {
		return Http.as(TestAccount.ACME, this.port);
	}

}
