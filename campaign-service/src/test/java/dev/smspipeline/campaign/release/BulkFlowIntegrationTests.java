package dev.smspipeline.campaign.release;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smspipeline.campaign.support.CampaignClient;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.DispatchStandIn;
import dev.smspipeline.campaign.support.MutableClock;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.testsupport.accounts.TestAccount;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk flow control: campaign texts go to dispatch only as fast as dispatch settles them,
 * shared equally between accounts, and a campaign is SENT only once dispatch submitted
 * every text.
 */
@CampaignServiceTest
class BulkFlowIntegrationTests {

	private static final Duration A_WHILE = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DispatchStandIn dispatch;

	@Autowired
	ReleaseSettings settings;

	private final List<Runnable> cancels = new ArrayList<>();

	@AfterEach
	void cancelCampaignsResumeDispatchAndResetClock() {
		// Left running, a campaign's texts would fill the next test's window.
		this.cancels.forEach(Runnable::run);
		this.dispatch.resume();
		// Nor may their texts still be in dispatch's hands when the next test holds it.
		Awaitility.await()
			.atMost(A_WHILE)
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM campaign_message WHERE state = 'RELEASED'",
					Integer.class) == 0);
		this.clock.reset();
	}

	@Test
	void releasesNoMoreThanTheWindowWhileDispatchSettlesNothing() {
		this.clock.setTo(Instant.parse("2034-03-01T17:00:00Z"));
		this.dispatch.hold();
		String id = campaign(CampaignClient.as(TestAccount.ACME, this.port), "Window", 600);

		awaitReleased(id, this.settings.minWindow());
		// Rounds go on every 100 ms; none releases past the window.
		Awaitility.await()
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> released(id) == this.settings.minWindow());
		assertThat(CampaignClient.as(TestAccount.ACME, this.port).get(id).<String>json("$.status"))
			.isEqualTo("SENDING");
	}

	@Test
	void staysSendingUntilDispatchSubmittedEveryText() {
		this.clock.setTo(Instant.parse("2034-03-02T17:00:00Z"));
		this.dispatch.hold();
		CampaignClient acme = CampaignClient.as(TestAccount.ACME, this.port);
		String id = campaign(acme, "Not yet sent", 50);
		awaitReleased(id, 50);
		assertThat(acme.get(id).<String>json("$.status")).isEqualTo("SENDING");
		assertThat(acme.get(id).<Integer>json("$.progress.remaining")).isEqualTo(50);

		this.dispatch.resume();

		assertThat(acme.awaitStatus(id, "SENT").<Integer>json("$.progress.submitted")).isEqualTo(50);
	}

	@Test
	void sharesTheWindowEquallyBetweenTwoAccounts() {
		this.clock.setTo(Instant.parse("2034-03-03T17:00:00Z"));
		this.dispatch.hold();
		// Both due at 13:00 in New York; Globex's campaign is twice as large.
		CampaignClient acmeClient = CampaignClient.as(TestAccount.ACME, this.port);
		CampaignClient globexClient = CampaignClient.as(TestAccount.GLOBEX, this.port);
		String acme = campaign(acmeClient, "Acme sale", 400, "\"sendAtLocalTime\": \"13:00\",");
		String globex = campaign(globexClient, "Globex sale", 800, "\"sendAtLocalTime\": \"13:00\",");
		acmeClient.awaitStatus(acme, "SENDING");
		globexClient.awaitStatus(globex, "SENDING");

		this.clock.setTo(Instant.parse("2034-03-03T18:00:01Z"));

		Awaitility.await().atMost(A_WHILE).until(() -> released(acme) + released(globex) >= this.settings.minWindow());
		assertThat(released(acme)).isCloseTo(released(globex), Offset.offset(this.settings.minWindow() / 10));
	}

	private String campaign(CampaignClient client, String name, int size) {
		return campaign(client, name, size, "");
	}

	private String campaign(CampaignClient client, String name, int size, String schedule) {
		List<String> phones = IntStream.range(0, size).mapToObj((i) -> Numbers.newYork()).toList();
		String id = client.create("""
				{"name": "%s", "body": "Hello", %s "recipients": %s}""".formatted(name, schedule,
				CampaignClient.recipients(phones)));
		client.activate(id);
		this.cancels.add(() -> client.cancel(id));
		return id;
	}

	private void awaitReleased(String id, int count) {
		Awaitility.await().atMost(A_WHILE).until(() -> released(id) >= count);
	}

	private int released(String id) {
		Integer count = this.jdbc.queryForObject(
				"SELECT count(*) FROM campaign_message WHERE campaign_id = ?::uuid AND state <> 'HELD'", Integer.class,
				id);
		return (count != null) ? count : 0;
	}

}
