package dev.smspipeline.campaign.content;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

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
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content rules on one-off texts (API and CRM intake) and campaign texts, with the
 * defaults for ACME and Globex's own rules from the test profile (shorteners allowed,
 * crypto refused).
 */
@CampaignServiceTest
class ContentRuleIntegrationTests {

	private static TopicProbe<MessageRequested> requests;

	private static TopicProbe<DeliveryStatus> statuses;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@BeforeAll
	static void openProbes() {
		requests = TopicProbe.of(Topics.MESSAGE_REQUESTED);
		statuses = TopicProbe.of(Topics.DELIVERY_STATUS);
	}

	@AfterAll
	static void closeProbes() {
		requests.close();
		statuses.close();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void rejectsGamblingContentToAUsNumberNamingTheRule() {
		ApiResponse answer = OneOffs.send(acme(), Numbers.newYork(), "Win big at our casino tonight");

		assertThat(answer.<String>json("$.status")).isEqualTo("REJECTED");
		assertThat(answer.<String>json("$.reasonCode")).isEqualTo("CONTENT_POLICY");
		assertThat(answer.<String>json("$.rule")).isEqualTo("us-gambling");
		assertThat(answer.<String>json("$.reason")).contains("casino", "us-gambling");
		String messageId = answer.json("$.messageId");
		DeliveryStatus rejected = statuses.await((status) -> status.getMessageId().equals(messageId));
		assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("CONTENT_POLICY");
		assertThat(rejected.getAttributes()).containsEntry("rule", "us-gambling");
		assertThat(rejected.getCarrierErrorDescription()).isNull();
		assertThat(requests.values((request) -> request.getMessageId().equals(messageId))).isEmpty();
	}

	@Test
	void sendsTheSameContentToACanadianNumber() {
		ApiResponse answer = OneOffs.send(acme(), Numbers.toronto(), "Win big at our casino tonight");

		assertThat(answer.<String>json("$.status")).isEqualTo("REQUESTED");
	}

	@Test
	void rejectsAUrlShortenerOnTheCrmIntake() {
		CrmSmsRequest request = Records.crmRequest("acme", Numbers.toronto(), "Your invoice: https://bit.ly/3inv")
			.build();

		Records.send(Topics.CRM_SMS_REQUESTS, "any", request);

		DeliveryStatus rejected = statuses
			.await((status) -> request.getEventId().equals(status.getAttributes().get("idempotencyKey")));
		assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("CONTENT_POLICY");
		assertThat(rejected.getAttributes()).containsEntry("rule", "url-shorteners");
	}

	@Test
	void appliesTheAccountsOwnRules() {
		Http globex = Http.as(TestAccount.GLOBEX, this.port);

		assertThat(
				OneOffs.send(globex, Numbers.newYork(), "Your invoice: https://bit.ly/3inv").<String>json("$.status"))
			.isEqualTo("REQUESTED");
		assertThat(OneOffs.send(globex, Numbers.newYork(), "Buy crypto now").<String>json("$.rule"))
			.isEqualTo("no-crypto");
		assertThat(OneOffs.send(acme(), Numbers.newYork(), "Buy crypto now").<String>json("$.status"))
			.isEqualTo("REQUESTED");
	}

	@Test
	void rejectsACampaignTextWhoseRenderedBodyBreaksARule() {
		// 11:00 in New York: no quiet hours in the way.
		this.clock.setTo(Instant.parse("2034-02-07T16:00:00Z"));
		String clean = Numbers.newYork();
		String tainted = Numbers.newYork();
		CampaignClient campaigns = CampaignClient.as(TestAccount.ACME, this.port);
		String id = campaigns.create("""
				{"name": "Offers", "body": "Hi {{firstName}}, your offer: {{offer}}", "recipients": [
				  {"phone": "%s", "attributes": {"firstName": "Ann", "offer": "20%% off shoes"}},
				  {"phone": "%s", "attributes": {"firstName": "Bob", "offer": "free spins at the casino"}}]}"""
			.formatted(clean, tainted));

		campaigns.activate(id);

		campaigns.awaitStatus(id, "SENT");
		String taintedText = CampaignTexts.messageId(UUID.fromString(id), tainted).toString();
		DeliveryStatus rejected = statuses.await((status) -> status.getMessageId().equals(taintedText));
		assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("CONTENT_POLICY");
		assertThat(rejected.getAttributes()).containsEntry("rule", "us-gambling");
		MessageRequested sent = requests
			.await((request) -> id.equals(request.getCampaignId()) && request.getRecipient().equals(clean));
		assertThat(sent.getBody()).isEqualTo("Hi Ann, your offer: 20% off shoes");
	}

	private Http acme() {
		return Http.as(TestAccount.ACME, this.port);
	}

}
