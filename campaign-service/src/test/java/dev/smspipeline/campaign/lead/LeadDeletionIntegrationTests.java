package dev.smspipeline.campaign.lead;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignClient;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.MutableClock;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

@CampaignServiceTest
class LeadDeletionIntegrationTests {

	private static TopicProbe<DeliveryStatus> statuses;

	private static TopicProbe<CampaignEvent> events;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@BeforeAll
	static void openProbes() {
		statuses = TopicProbe.of(Topics.DELIVERY_STATUS);
		events = TopicProbe.of(Topics.CAMPAIGN_EVENTS);
	}

	@AfterAll
	static void closeProbes() {
		statuses.close();
		events.close();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void cancelsADeletedLeadsHeldTextAndTellsDispatch() {
		String lead = Numbers.newYork();
		String other = Numbers.newYork();
		// 07:00 in New York: held for 10:00.
		this.clock.setTo(Instant.parse("2033-01-14T12:00:00Z"));
		String running = acme().create("""
				{"name": "Running", "body": "Hello", "sendAtLocalTime": "10:00",
				 "recipients": [{"phone": "%s"}, {"phone": "%s"}]}""".formatted(lead, other));
		String draft = acme().create("""
				{"name": "Draft", "body": "Hello", "recipients": [{"phone": "%s"}, {"phone": "%s"}]}""".formatted(lead,
				other));
		acme().activate(running);
		acme().awaitStatus(running, "SENDING");

		ApiResponse deleted = acme().http().delete("/api/v1/leads/" + Http.encode(lead));

		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(deleted.<Integer>json("$.canceled")).isEqualTo(1);
		DeliveryStatus canceled = statuses
			.await((status) -> running.equals(status.getCampaignId()) && status.getStatus() == MessageStatus.CANCELED);
		assertThat(canceled.getRecipient()).isEqualTo(lead);
		assertThat(canceled.getReasonCode()).isEqualTo("LEAD_DELETED");
		CampaignEvent told = events.await((event) -> event.getCampaignId().equals(running)
				&& event.getType() == CampaignEventType.RECIPIENT_DELETED);
		assertThat(told.getRecipient()).isEqualTo(lead);
		assertThat(acme().get(running).<Integer>json("$.counts.deleted")).isEqualTo(1);
		assertThat(acme().get(draft).<Integer>json("$.audience.recipients")).isEqualTo(1);

		this.clock.setTo(Instant.parse("2033-01-14T15:00:01Z"));
		assertThat(acme().awaitStatus(running, "SENT").<Integer>json("$.counts.released")).isEqualTo(1);
	}

	@Test
	void leavesAnotherAccountsLeadAlone() {
		String lead = Numbers.chicago();
		String id = acme().create("""
				{"name": "Acme's", "body": "Hello", "recipients": [{"phone": "%s"}]}""".formatted(lead));

		ApiResponse deleted = Http.as(TestAccount.GLOBEX, this.port).delete("/api/v1/leads/" + Http.encode(lead));

		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.<java.util.List<Object>>json("$.campaigns")).isEmpty();
		assertThat(acme().get(id).<Integer>json("$.audience.recipients")).isEqualTo(1);
	}

	@Test
	void removesARecipientFromOneCampaign() {
		String lead = Numbers.losAngeles();
		String id = acme().create("""
				{"name": "One", "body": "Hello", "recipients": [{"phone": "%s"}, {"phone": "%s"}]}""".formatted(lead,
				Numbers.losAngeles()));

		ApiResponse removed = acme().http().delete("/api/v1/campaigns/" + id + "/recipients/" + Http.encode(lead));

		assertThat(removed.status()).isEqualTo(200);
		assertThat(removed.<String>json("$.campaigns[0].action")).isEqualTo("REMOVED_FROM_AUDIENCE");
		assertThat(acme().get(id).<Integer>json("$.audience.recipients")).isEqualTo(1);
		assertThat(acme().http().delete("/api/v1/campaigns/" + id + "/recipients/" + Http.encode(lead)).status())
			.isEqualTo(404);
	}

	@Test
	void answersAnUnreadableLeadNumberWith400() {
		ApiResponse response = acme().http().delete("/api/v1/leads/not-a-number");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.<String>json("$.errors[0].field")).isEqualTo("e164");
	}

	private CampaignClient acme() {
		return CampaignClient.as(TestAccount.ACME, this.port);
	}

}
