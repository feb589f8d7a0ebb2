package dev.smspipeline.campaign.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.campaign.CampaignTexts;
import dev.smspipeline.campaign.consent.OptOuts;
import dev.smspipeline.campaign.message.Senders;
import dev.smspipeline.campaign.outbox.Outbox;
import dev.smspipeline.campaign.support.CampaignClient;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.MutableClock;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;

/**
 * Several releasing instances at once, and one that dies mid-release.
 */
@CampaignServiceTest
class ReleasePollerIntegrationTests {

	private static TopicProbe<MessageRequested> requests;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	CampaignTexts texts;

	@Autowired
	Outbox outbox;

	@Autowired
	Senders senders;

	@Autowired
	OptOuts optOuts;

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
	void releasesEachTextOnceWithSeveralPollersAtOnce() throws Exception {
		// Held until 10:00 in New York, then released by this instance and three more.
		this.clock.setTo(Instant.parse("2034-01-16T12:00:00Z"));
		List<String> phones = IntStream.range(0, 400).mapToObj((i) -> Numbers.newYork()).toList();
		String id = acme().create("""
				{"name": "Contended", "body": "Hello", "sendAtLocalTime": "10:00", "recipients": %s}"""
			.formatted(CampaignClient.recipients(phones)));
		acme().activate(id);
		acme().awaitStatus(id, "SENDING");
		List<TextRelease> others = IntStream.range(0, 3).mapToObj((i) -> release(this.outbox, this.clock)).toList();
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			this.clock.setTo(Instant.parse("2034-01-16T15:00:01Z"));
			List<CompletableFuture<Void>> racing = others.stream().map((poller) -> CompletableFuture.runAsync(() -> {
				while (poller.release(UUID.fromString(id), 25) > 0) {
					// Until nothing is due.
				}
			}, pool)).toList();
			CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).get();
		}
		finally {
			pool.shutdown();
		}

		acme().awaitStatus(id, "SENT");
		List<MessageRequested> released = Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> requests.values((request) -> id.equals(request.getCampaignId())),
					(found) -> found.size() >= 400);
		assertThat(released).hasSize(400);
		assertThat(released).extracting(MessageRequested::getMessageId).doesNotHaveDuplicates();
	}

	@Test
	void releasesNothingWhenAPollerDiesMidReleaseAndEachTextOnceAfterwards() {
		this.clock.setTo(Instant.parse("2034-01-17T12:00:00Z"));
		List<String> phones = IntStream.range(0, 20).mapToObj((i) -> Numbers.newYork()).toList();
		String id = acme().create("""
				{"name": "Crash", "body": "Hello", "sendAtLocalTime": "10:00", "recipients": %s}"""
			.formatted(CampaignClient.recipients(phones)));
		acme().activate(id);
		acme().awaitStatus(id, "SENDING");
		Outbox dying = Mockito.spy(this.outbox);
		Mockito.doThrow(new IllegalStateException("killed mid-release")).when(dying).addAll(anyList());
		// Stopped by the clock between its claim and its commit: the service's own poller
		// finds nothing due until the clock moves again.
		MutableClock frozen = new MutableClock();
		frozen.setTo(Instant.parse("2034-01-17T15:00:01Z"));

		assertThatThrownBy(() -> release(dying, frozen).release(UUID.fromString(id), 20))
			.hasMessageContaining("killed");
		Integer released = this.jdbc.queryForObject(
				"SELECT count(*) FROM campaign_message WHERE campaign_id = ?::uuid AND state = 'RELEASED'",
				Integer.class, id);
		assertThat(released).isZero();

		this.clock.setTo(Instant.parse("2034-01-17T15:00:01Z"));
		acme().awaitStatus(id, "SENT");
		List<MessageRequested> requested = Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> requests.values((request) -> id.equals(request.getCampaignId())),
					(found) -> found.size() >= 20);
		assertThat(requested).hasSize(20);
		assertThat(requested).extracting(MessageRequested::getMessageId).doesNotHaveDuplicates();
	}

	private TextRelease release(Outbox outbox, Clock clock) {
		return new TextRelease(this.texts, this.transactions, outbox, this.senders, this.optOuts, clock,
				new SimpleMeterRegistry());
	}

	private CampaignClient acme() {
		return CampaignClient.as(TestAccount.ACME, this.port);
	}

}
