package dev.smspipeline.campaign.dedupe;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.HeldLock;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.MutableClock;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.OneOffs;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.observability.Prometheus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workflow triggers that fire twice without an idempotency key: the same recipient and
 * body within {@code sms.messages.duplicate-window} (2 minutes) is sent once. The
 * service's clock is moved instead of waiting.
 */
@CampaignServiceTest
class DuplicateTriggerIntegrationTests {

	private static TopicProbe<MessageRequested> requests;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry meters;

	@Autowired
	DataSource dataSource;

	@BeforeAll
	static void openProbe() {
		requests = TopicProbe.of(Topics.MESSAGE_REQUESTED);
	}

	@AfterAll
	static void closeProbe() {
		requests.close();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aSecondIdenticalRequestASecondLaterIsAnsweredAsADuplicateAndNotSent() {
		String recipient = Numbers.chicago();
		double duplicatesBefore = duplicates();
		String first = OneOffs.send(acme(), recipient, "Thanks for signing up!").json("$.messageId");

		this.clock.advance(Duration.ofSeconds(1));
		ApiResponse second = OneOffs.send(acme(), recipient, "Thanks for signing up!");

		assertThat(second.<String>json("$.messageId")).isEqualTo(first);
		assertThat(second.<String>json("$.duplicateOf")).isEqualTo(first);
		assertThat(second.<String>json("$.status")).isEqualTo("REQUESTED");
		assertThat(duplicates()).isEqualTo(duplicatesBefore + 1);
		assertThat(Prometheus.scrape(this.managementPort).samples("sms_requests_duplicate_total")).isNotEmpty();
		OneOffs.awaitEverythingPublishedTo(acme(), requests, recipient);
		assertThat(sent(recipient, "Thanks for signing up!")).singleElement()
			.satisfies((request) -> assertThat(request.getMessageId()).isEqualTo(first));
	}

	@Test
	void allowDuplicateSendsBoth() {
		String recipient = Numbers.chicago();
		String json = """
				{"recipient": "%s", "body": "Your code is 1234", "allowDuplicate": true}""".formatted(recipient);
		ApiResponse first = acme().postJson("/api/v1/messages", json);
		this.clock.advance(Duration.ofSeconds(1));
		ApiResponse second = acme().postJson("/api/v1/messages", json);

		assertThat(second.<String>json("$.messageId")).isNotEqualTo(first.json("$.messageId"));
		assertThat(second.body()).doesNotContain("duplicateOf");
		OneOffs.awaitEverythingPublishedTo(acme(), requests, recipient);
		assertThat(sent(recipient, "Your code is 1234")).hasSize(2);
	}

	@Test
	void theSameTextAfterTheWindowIsSentAgain() {
		String recipient = Numbers.chicago();
		String first = OneOffs.send(acme(), recipient, "Weekly reminder").json("$.messageId");

		this.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
		ApiResponse later = OneOffs.send(acme(), recipient, "Weekly reminder");

		assertThat(later.<String>json("$.messageId")).isNotEqualTo(first);
		assertThat(later.body()).doesNotContain("duplicateOf");
	}

	@Test
	void anotherBodyOrAnotherAccountIsNoDuplicate() {
		String recipient = Numbers.chicago();
		String first = OneOffs.send(acme(), recipient, "Hello").json("$.messageId");

		ApiResponse otherBody = OneOffs.send(acme(), recipient, "Hello again");
		ApiResponse otherAccount = OneOffs.send(Http.as(TestAccount.GLOBEX, this.port), recipient, "Hello");

		assertThat(otherBody.<String>json("$.messageId")).isNotEqualTo(first);
		assertThat(otherAccount.<String>json("$.messageId")).isNotEqualTo(first);
		assertThat(otherBody.body()).doesNotContain("duplicateOf");
		assertThat(otherAccount.body()).doesNotContain("duplicateOf");
	}

	@Test
	void fourIdenticalTriggersAtTheSameInstantSendOneText() {
		String recipient = Numbers.chicago();
		List<ApiResponse> answers;
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try (HeldLock lock = HeldLock.duplicateCheck(this.dataSource, "acme", recipient)) {
			List<CompletableFuture<ApiResponse>> racing = IntStream.range(0, 4)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> OneOffs.send(acme(), recipient, "Lead created"),
						pool))
				.toList();
			// All four in flight, each inside its transaction, waiting for the recipient.
			lock.awaitWaiters(4);
			lock.close();
			answers = racing.stream().map(CompletableFuture::join).toList();
		}
		finally {
			pool.shutdown();
		}

		String messageId = answers.get(0).json("$.messageId");
		assertThat(answers).extracting((answer) -> answer.<String>json("$.messageId")).containsOnly(messageId);
		assertThat(answers).filteredOn((answer) -> answer.body().contains("duplicateOf")).hasSize(3);
		OneOffs.awaitEverythingPublishedTo(acme(), requests, recipient);
		assertThat(sent(recipient, "Lead created")).hasSize(1);
	}

	private List<MessageRequested> sent(String recipient, String body) {
		return requests.values((request) -> request.getRecipient().equals(recipient) && request.getBody().equals(body));
	}

	private double duplicates() {
		Counter counter = this.meters.find("sms.requests.duplicate").tag("source", "REST").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private Http acme() {
		return Http.as(TestAccount.ACME, this.port);
	}

}
