package dev.smspipeline.campaign.schedule;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smspipeline.campaign.support.CampaignClient;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.MutableClock;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.spring.ResetAfterEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local send times and quiet hours in New York, Chicago and Los Angeles, with the
 * service's clock moved to a January day (EST, CST, PST: UTC-5, -6, -8).
 */
@CampaignServiceTest
class SendTimeIntegrationTests {

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
	JdbcTemplate jdbc;

	@Test
	void releasesSendAtLocalTimeAtTenInEachRecipientsOwnZone() {
		String newYork = Numbers.newYork();
		String chicago = Numbers.chicago();
		String losAngeles = Numbers.losAngeles();
		// 07:00 in New York, 06:00 in Chicago, 04:00 in Los Angeles.
		this.clock.setTo(Instant.parse("2032-01-15T12:00:00Z"));
		String id = acme().create("""
				{"name": "Ten local", "body": "Good morning", "sendAtLocalTime": "10:00",
				 "recipients": [{"phone": "%s"}, {"phone": "%s"}, {"phone": "%s"}]}""".formatted(newYork, chicago,
				losAngeles));
		acme().activate(id);
		acme().awaitStatus(id, "SENDING");

		assertThat(releaseAt(id, newYork)).isEqualTo("2032-01-15T15:00:00Z");
		assertThat(releaseAt(id, chicago)).isEqualTo("2032-01-15T16:00:00Z");
		assertThat(releaseAt(id, losAngeles)).isEqualTo("2032-01-15T18:00:00Z");

		this.clock.setTo(Instant.parse("2032-01-15T15:00:01Z"));
		assertThat(awaitRequest(id, newYork).getNotBefore()).isEqualTo(Instant.parse("2032-01-15T15:00:00Z"));
		assertThat(stateOf(id, chicago)).isEqualTo("HELD");
		assertThat(stateOf(id, losAngeles)).isEqualTo("HELD");

		this.clock.setTo(Instant.parse("2032-01-15T16:00:01Z"));
		assertThat(awaitRequest(id, chicago).getNotBefore()).isEqualTo(Instant.parse("2032-01-15T16:00:00Z"));
		assertThat(stateOf(id, losAngeles)).isEqualTo("HELD");

		this.clock.setTo(Instant.parse("2032-01-15T18:00:01Z"));
		assertThat(awaitRequest(id, losAngeles).getNotBefore()).isEqualTo(Instant.parse("2032-01-15T18:00:00Z"));
		acme().awaitStatus(id, "SENT");
	}

	@Test
	void holdsTextsThroughQuietHoursUntilEightLocal() {
		String newYork = Numbers.newYork();
		String chicago = Numbers.chicago();
		String losAngeles = Numbers.losAngeles();
		// 22:00 in New York, 21:00 in Chicago (both quiet), 19:00 in Los Angeles.
		this.clock.setTo(Instant.parse("2032-01-16T03:00:00Z"));
		String id = acme().create("""
				{"name": "Quiet", "body": "Evening deal", "validity": "PT12H",
				 "recipients": [{"phone": "%s"}, {"phone": "%s"}, {"phone": "%s"}]}""".formatted(newYork, chicago,
				losAngeles));
		acme().activate(id);

		awaitRequest(id, losAngeles);
		acme().awaitStatus(id, "SENDING");
		assertThat(releaseAt(id, newYork)).isEqualTo("2032-01-16T13:00:00Z");
		assertThat(releaseAt(id, chicago)).isEqualTo("2032-01-16T14:00:00Z");

		this.clock.setTo(Instant.parse("2032-01-16T13:00:01Z"));
		awaitRequest(id, newYork);
		assertThat(stateOf(id, chicago)).isEqualTo("HELD");
		this.clock.setTo(Instant.parse("2032-01-16T14:00:01Z"));
		awaitRequest(id, chicago);
		acme().awaitStatus(id, "SENT");
	}

	@Test
	void expiresATextWhoseValidityEndsBeforeQuietHoursDo() {
		String newYork = Numbers.newYork();
		String losAngeles = Numbers.losAngeles();
		this.clock.setTo(Instant.parse("2032-01-17T03:00:00Z"));
		String id = acme().create("""
				{"name": "Short-lived", "body": "Flash sale", "validity": "PT2H",
				 "recipients": [{"phone": "%s"}, {"phone": "%s"}]}""".formatted(newYork, losAngeles));
		acme().activate(id);

		DeliveryStatus expired = statuses
			.await((status) -> id.equals(status.getCampaignId()) && status.getStatus() == MessageStatus.EXPIRED);
		assertThat(expired.getRecipient()).isEqualTo(newYork);
		assertThat(expired.getReasonCode()).isEqualTo("QUIET_HOURS_OUTLAST_VALIDITY");
		assertThat(expired.getAttributes().get("reason")).contains("quiet hours hold it until");
		awaitRequest(id, losAngeles);
		assertThat(acme().awaitStatus(id, "SENT").<Integer>json("$.counts.expired")).isEqualTo(1);
	}

	@Test
	void turningQuietHoursOffSendsAtOnce() {
		String newYork = Numbers.newYork();
		this.clock.setTo(Instant.parse("2032-01-18T04:00:00Z"));
		String id = acme().create("""
				{"name": "Transactional", "body": "Your code", "quietHours": {"enabled": false},
				 "recipients": [{"phone": "%s"}]}""".formatted(newYork));
		acme().activate(id);

		assertThat(awaitRequest(id, newYork).getNotBefore()).isBefore(Instant.parse("2032-01-18T04:01:00Z"));
	}

	@Test
	void skipsARecipientTextedWithinTheSmartSendingWindow() {
		String phone = Numbers.chicago();
		String fresh = Numbers.chicago();
		String first = acme().create("""
				{"name": "First", "body": "One", "quietHours": {"enabled": false}, "recipients": [{"phone": "%s"}]}"""
			.formatted(phone));
		acme().activate(first);
		acme().awaitStatus(first, "SENT");

		String second = acme().create("""
				{"name": "Second", "body": "Two", "quietHours": {"enabled": false}, "smartSendingWindow": "PT24H",
				 "recipients": [{"phone": "%s"}, {"phone": "%s"}]}""".formatted(phone, fresh));
		acme().activate(second);

		DeliveryStatus skipped = statuses
			.await((status) -> second.equals(status.getCampaignId()) && status.getStatus() == MessageStatus.CANCELED);
		assertThat(skipped.getRecipient()).isEqualTo(phone);
		assertThat(skipped.getReasonCode()).isEqualTo("SMART_SENDING_WINDOW");
		awaitRequest(second, fresh);
		assertThat(acme().awaitStatus(second, "SENT").<Integer>json("$.counts.skipped")).isEqualTo(1);
	}

	private String releaseAt(String campaignId, String recipient) {
		return statuses
			.await((status) -> campaignId.equals(status.getCampaignId()) && recipient.equals(status.getRecipient())
					&& status.getStatus() == MessageStatus.SCHEDULED)
			.getAttributes()
			.get("releaseAt");
	}

	private MessageRequested awaitRequest(String campaignId, String recipient) {
		return requests
			.await((request) -> campaignId.equals(request.getCampaignId()) && recipient.equals(request.getRecipient()));
	}

	private String stateOf(String campaignId, String recipient) {
		return this.jdbc.queryForObject(
				"SELECT state FROM campaign_message WHERE campaign_id = ?::uuid AND recipient = ?", String.class,
				campaignId, recipient);
	}

	private CampaignClient acme() {
		return CampaignClient.as(TestAccount.ACME, this.port);
	}

}
