package dev.smspipeline.campaign.release;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smspipeline.campaign.support.CampaignClient;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.MutableClock;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.testsupport.accounts.TestAccount;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancel ends every held text of a campaign CANCELED, also those another transaction has
 * locked at that moment (a release that began before the cancel).
 */
@CampaignServiceTest
class CanceledTextSweepIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void cancelsTheHeldTextsAnotherTransactionHadLockedWhenTheCampaignWasCanceled() throws Exception {
		// 12:00 in New York; the campaign sends at 13:00, so its texts stay held.
		this.clock.setTo(Instant.parse("2034-04-01T16:00:00Z"));
		CampaignClient acme = CampaignClient.as(TestAccount.ACME, this.port);
		List<String> phones = IntStream.range(0, 30).mapToObj((i) -> Numbers.newYork()).toList();
		String id = acme.create("""
				{"name": "Locked", "body": "Hello", "sendAtLocalTime": "13:00", "recipients": %s}"""
			.formatted(CampaignClient.recipients(phones)));
		acme.activate(id);
		acme.awaitStatus(id, "SENDING");

		try (Connection release = this.dataSource.getConnection()) {
			release.setAutoCommit(false);
			try (PreparedStatement lock = release.prepareStatement(
					"SELECT id FROM campaign_message WHERE campaign_id = ?::uuid AND state = 'HELD' LIMIT 10 FOR UPDATE")) {
				lock.setString(1, id);
				try (ResultSet locked = lock.executeQuery()) {
					while (locked.next()) {
						// Holds the row lock until the rollback below.
					}
				}
			}
			assertThat(acme.cancel(id).status()).isEqualTo(200);
			Awaitility.await("the sweep waiting for the locked texts")
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbc.queryForObject("""
						SELECT count(*) FROM pg_stat_activity
						WHERE datname = current_database() AND wait_event_type = 'Lock'
						""", Integer.class) > 0);
			release.rollback();
		}

		Awaitility.await("every text of " + id + " canceled")
			.atMost(Duration.ofSeconds(30))
			.until(() -> held(id) == 0 && !cancelPending(id));
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM campaign_message WHERE campaign_id = ?::uuid AND state = 'CANCELED'",
				Integer.class, id))
			.isEqualTo(30);
	}

	private int held(String id) {
		Integer count = this.jdbc.queryForObject(
				"SELECT count(*) FROM campaign_message WHERE campaign_id = ?::uuid AND state = 'HELD'", Integer.class,
				id);
		return (count != null) ? count : 0;
	}

	private boolean cancelPending(String id) {
		return Boolean.TRUE.equals(
				this.jdbc.queryForObject("SELECT cancel_pending FROM campaign WHERE id = ?::uuid", Boolean.class, id));
	}

}
