package dev.smspipeline.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.messages.Outcome;
import dev.smspipeline.simulator.messages.ReceivedMessage;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancel while a campaign is SENDING, through the three services: campaign-service holds
 * most texts (bulk flow control), dispatch holds the few released ones, and cancel stops
 * both.
 */
@ExtendWith(Pipeline.Extension.class)
class CampaignCancelIntegrationTests {

	private static final int LEADS = 4000;

	private static CarrierSimulator carrier;

	private static ApiClient campaignApi;

	private static ApiClient statusApi;

	private static Pipeline pipeline;

	@BeforeAll
	static void usePipeline(Pipeline pipeline) {
		CampaignCancelIntegrationTests.pipeline = pipeline;
		carrier = pipeline.carrier();
		campaignApi = pipeline.campaignApi(TestAccount.ACME);
		statusApi = pipeline.statusApi(TestAccount.ACME);
	}

	@Test
	void cancelMidCampaignStopsTheTextsDispatchAlreadyHas() {
		Set<String> phones = IntStream.range(0, LEADS)
			.mapToObj((i) -> String.format("+1646555%04d", i))
			.collect(Collectors.toSet());
		String recipients = phones.stream()
			.map((phone) -> "{\"phone\": \"" + phone + "\"}")
			.collect(Collectors.joining(","));
		ApiResponse created = campaignApi.postJson("/api/v1/campaigns", """
				{"name": "Cancel me", "body": "Spring sale today", "quietHours": {"enabled": false},
				 "recipients": [%s]}""".formatted(recipients));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json("$.id");
		assertThat(campaignApi.postJson("/api/v1/campaigns/" + id + "/activate", "").status()).isEqualTo(200);
		Awaitility.await("texts of " + id + " at the carrier")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> campaignApi.get("/api/v1/campaigns/" + id).<Integer>json("$.progress.submitted") >= 100);

		ApiResponse canceled = campaignApi.postJson("/api/v1/campaigns/" + id + "/cancel", "");
		long answeredAt = System.currentTimeMillis();

		assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
		ApiResponse stats;
		try {
			stats = Awaitility.await("every text of " + id + " final")
				.atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> statusApi.get("/api/v1/campaigns/" + id + "/stats"),
						(response) -> response.status() == 200 && response.<Integer>json("$.counts.total") == LEADS
								&& response.<Integer>json("$.counts.delivered")
										+ response.<Integer>json("$.counts.canceled") == LEADS);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(ex.getMessage() + " Where campaign-service has them:" + whereTextsAre(id), ex);
		}
		List<ReceivedMessage> accepted = carrier.receivedMessages()
			.stream()
			.filter((received) -> phones.contains(received.to()) && received.outcome() == Outcome.ACCEPTED)
			.toList();
		assertThat(accepted).allSatisfy((received) -> assertThat(received.receivedAt()).isLessThan(answeredAt + 2000));
		assertThat(accepted.size()).as("texts at the carrier").isLessThan(LEADS / 2);
		assertThat(stats.<Integer>json("$.counts.delivered")).isEqualTo(accepted.size());
	}

	/**
	 * campaign-service's view of a campaign's texts (their states, its cancel sweep, the
	 * outbox), printed when the wait for their final statuses is about to time out.
	 */
	private static String whereTextsAre(String campaignId) {
		try (Connection connection = DriverManager.getConnection(pipeline.jdbcUrl(pipeline.campaign()))) {
			return query(connection, "SELECT status, cancel_pending FROM campaign WHERE id = ?::uuid", campaignId)
					+ query(connection,
							"SELECT state, count(*) FROM campaign_message WHERE campaign_id = ?::uuid GROUP BY state",
							campaignId)
					+ query(connection, "SELECT batch_id IS NOT NULL, count(*) FROM outbox WHERE ? <> '' GROUP BY 1",
							campaignId)
					+ " campaign API: " + campaignApi.get("/api/v1/campaigns/" + campaignId).body();
		}
		catch (SQLException ex) {
			return ex.toString();
		}
	}

	private static String query(Connection connection, String sql, String parameter) throws SQLException {
		StringBuilder rows = new StringBuilder(" [");
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					rows.append(result.getString(1)).append('=').append(result.getString(2)).append(' ');
				}
			}
		}
		return rows.append(']').toString();
	}

}
