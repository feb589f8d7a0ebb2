package dev.smspipeline.campaign.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smspipeline.campaign.campaign.CampaignTexts;
import dev.smspipeline.campaign.support.CampaignClient;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.MutableClock;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.OneOffs;
import dev.smspipeline.campaign.support.Records;
import dev.smspipeline.events.CrmSmsRequest;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STOP and START: the suppression list from {@code sms.opt-outs} and from
 * {@code /api/v1/opt-outs}, checked when a text is requested, when a campaign is
 * processed and when each campaign text is released.
 */
@CampaignServiceTest
class OptOutIntegrationTests {

	private static TopicProbe<MessageRequested> requests;

	private static TopicProbe<DeliveryStatus> statuses;

	private static TopicProbe<OptOutChange> optOutChanges;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeAll
	static void openProbes() {
		requests = TopicProbe.of(Topics.MESSAGE_REQUESTED);
		statuses = TopicProbe.of(Topics.DELIVERY_STATUS);
		optOutChanges = TopicProbe.of(Topics.OPT_OUTS);
	}

	@AfterAll
	static void closeProbes() {
		requests.close();
		statuses.close();
		optOutChanges.close();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aNumberThatRepliedStopIsRejectedWhenATextIsRequested() {
		String number = Numbers.newYork();
		Records.optOutChange(Records.reply("acme", number, OptOutAction.OPT_OUT, Instant.now()));
		ApiResponse optOut = awaitOptedOut(acme(), number);
		assertThat(optOut.<String>json("$.source")).isEqualTo("INBOUND_KEYWORD");
		assertThat(optOut.<String>json("$.keyword")).isEqualTo("STOP");

		ApiResponse answer = OneOffs.send(acme(), number, "Your appointment is tomorrow");

		assertThat(answer.<String>json("$.status")).isEqualTo("REJECTED");
		assertThat(answer.<String>json("$.reasonCode")).isEqualTo("OPTED_OUT");
		assertThat(answer.<String>json("$.reason")).contains("STOP");
		String messageId = answer.json("$.messageId");
		DeliveryStatus rejected = statuses.await((status) -> status.getMessageId().equals(messageId));
		assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("OPTED_OUT");
		assertThat(requests.values((request) -> request.getMessageId().equals(messageId))).isEmpty();
	}

	@Test
	void aNumberOptedOutThroughTheApiIsPublishedAndRejectedOnTheCrmIntake() {
		String number = Numbers.newYork();

		ApiResponse put = acme().put("/api/v1/opt-outs/" + number);

		assertThat(put.status()).isEqualTo(200);
		assertThat(put.<Boolean>json("$.optedOut")).isTrue();
		assertThat(put.<String>json("$.source")).isEqualTo("API");
		var published = optOutChanges.awaitRecord((record) -> record.value() != null
				&& record.value().getRecipient().equals(number) && record.value().getAction() == OptOutAction.OPT_OUT);
		assertThat(published.key()).isEqualTo("acme:" + number);
		assertThat(published.value().getSource()).isEqualTo(OptOutSource.API);
		CrmSmsRequest request = Records.crmRequest("acme", number, "Hello from the CRM").build();
		Records.send(Topics.CRM_SMS_REQUESTS, "lead-1", request);
		DeliveryStatus rejected = statuses
			.await((status) -> request.getEventId().equals(status.getAttributes().get("idempotencyKey")));
		assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("OPTED_OUT");
	}

	@Test
	void anOptOutIsTheAccountsOwn() {
		String number = Numbers.newYork();
		acme().put("/api/v1/opt-outs/" + number);
		Http globex = Http.as(TestAccount.GLOBEX, this.port);

		assertThat(globex.get("/api/v1/opt-outs/" + number).status()).isEqualTo(404);
		assertThat(OneOffs.send(globex, number, "Hello from Globex").<String>json("$.status")).isEqualTo("REQUESTED");
	}

	@Test
	void deleteOptsTheNumberBackIn() {
		String number = Numbers.newYork();
		acme().put("/api/v1/opt-outs/" + number);

		ApiResponse delete = acme().delete("/api/v1/opt-outs/" + number);

		assertThat(delete.status()).isEqualTo(204);
		assertThat(acme().get("/api/v1/opt-outs/" + number).status()).isEqualTo(404);
		assertThat(OneOffs.send(acme(), number, "Welcome back").<String>json("$.status")).isEqualTo("REQUESTED");
		optOutChanges.await((change) -> change.getRecipient().equals(number)
				&& change.getAction() == OptOutAction.OPT_IN && change.getSource() == OptOutSource.API);
	}

	@Test
	void theApiCannotLiftAStopTheLeadSent() {
		String number = Numbers.newYork();
		Records.optOutChange(Records.reply("acme", number, OptOutAction.OPT_OUT, Instant.now()));
		awaitOptedOut(acme(), number);

		ApiResponse delete = acme().delete("/api/v1/opt-outs/" + number);

		assertThat(delete.status()).isEqualTo(409);
		assertThat(delete.body()).contains("START");
		assertThat(acme().get("/api/v1/opt-outs/" + number).<String>json("$.source")).isEqualTo("INBOUND_KEYWORD");
	}

	@Test
	void aTombstoneForgetsTheNumber() {
		String number = Numbers.newYork();
		Records.optOutChange(Records.reply("acme", number, OptOutAction.OPT_OUT, Instant.now()));
		awaitOptedOut(acme(), number);

		Records.send(Topics.OPT_OUTS, "acme:" + number, null);

		Awaitility.await("tombstone applied")
			.atMost(Duration.ofSeconds(30))
			.until(() -> acme().get("/api/v1/opt-outs/" + number).status() == 404);
	}

	@Test
	void answersAnInvalidNumberWith400() {
		ApiResponse answer = acme().put("/api/v1/opt-outs/not-a-number");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.<String>json("$.errors[0].field")).isEqualTo("e164");
	}

	@Test
	void aCampaignTextToAnOptedOutNumberIsRejectedWhenTheCampaignIsProcessed() {
		// 11:00 in New York: no quiet hours in the way.
		this.clock.setTo(Instant.parse("2034-02-06T16:00:00Z"));
		String optedOut = Numbers.newYork();
		String subscribed = Numbers.newYork();
		acme().put("/api/v1/opt-outs/" + optedOut);
		CampaignClient campaigns = CampaignClient.as(TestAccount.ACME, this.port);
		String id = campaigns.create("""
				{"name": "Processing check", "body": "Spring sale", "recipients": %s}"""
			.formatted(CampaignClient.recipients(List.of(optedOut, subscribed))));

		campaigns.activate(id);

		campaigns.awaitStatus(id, "SENT");
		assertThat(state(id, optedOut)).isEqualTo("REJECTED:OPTED_OUT");
		assertThat(state(id, subscribed)).isEqualTo("SUBMITTED:null");
		String messageId = CampaignTexts.messageId(java.util.UUID.fromString(id), optedOut).toString();
		DeliveryStatus rejected = statuses.await((status) -> status.getMessageId().equals(messageId));
		assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("OPTED_OUT");
	}

	@Test
	void aStopMidCampaignStopsTheRestOfItAndAStartLetsTextsThroughAgain() {
		// 07:00 in New York, 04:00 in Los Angeles; the campaign goes out at 10:00 in
		// each.
		this.clock.setTo(Instant.parse("2034-01-16T12:00:00Z"));
		String newYork = Numbers.newYork();
		String stopper = Numbers.losAngeles();
		String stayer = Numbers.losAngeles();
		CampaignClient campaigns = CampaignClient.as(TestAccount.ACME, this.port);
		String id = campaigns.create("""
				{"name": "Mid-campaign STOP", "body": "New arrivals this week", "sendAtLocalTime": "10:00",
				 "recipients": %s}""".formatted(CampaignClient.recipients(List.of(newYork, stopper, stayer))));
		campaigns.activate(id);
		campaigns.awaitStatus(id, "SENDING");
		this.clock.setTo(Instant.parse("2034-01-16T15:00:01Z"));
		requests.await((request) -> id.equals(request.getCampaignId()) && request.getRecipient().equals(newYork));

		// The Los Angeles lead replies STOP while their text is still held.
		Records.optOutChange(Records.reply("acme", stopper, OptOutAction.OPT_OUT, this.clock.instant()));
		awaitOptedOut(acme(), stopper);
		this.clock.setTo(Instant.parse("2034-01-16T18:00:01Z"));

		requests.await((request) -> id.equals(request.getCampaignId()) && request.getRecipient().equals(stayer));
		campaigns.awaitStatus(id, "SENT");
		assertThat(state(id, stopper)).isEqualTo("REJECTED:OPTED_OUT");
		String stopperText = CampaignTexts.messageId(java.util.UUID.fromString(id), stopper).toString();
		DeliveryStatus rejected = statuses.await(
				(status) -> status.getMessageId().equals(stopperText) && status.getStatus() != MessageStatus.SCHEDULED);
		assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("OPTED_OUT");
		assertThat(requests.values((request) -> request.getRecipient().equals(stopper))).isEmpty();

		// START: texts go to the number again.
		Records.optOutChange(Records.reply("acme", stopper, OptOutAction.OPT_IN, this.clock.instant()));
		Awaitility.await("START applied")
			.atMost(Duration.ofSeconds(30))
			.until(() -> acme().get("/api/v1/opt-outs/" + stopper).status() == 404);
		String welcomeBack = OneOffs.send(acme(), stopper, "Welcome back").json("$.messageId");
		requests.await((request) -> request.getMessageId().equals(welcomeBack));
	}

	private String state(String campaignId, String recipient) {
		return this.jdbc.queryForObject(
				"SELECT state || ':' || coalesce(reason_code, 'null') FROM campaign_message WHERE campaign_id = ?::uuid AND recipient = ?",
				String.class, campaignId, recipient);
	}

	private static ApiResponse awaitOptedOut(Http http, String number) {
		return Awaitility.await(number + " opted out")
			.atMost(Duration.ofSeconds(30))
			.until(() -> http.get("/api/v1/opt-outs/" + number), (response) -> response.status() == 200);
	}

	private Http acme() {
		return Http.as(TestAccount.ACME, this.port);
	}

}
