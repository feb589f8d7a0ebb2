package dev.smspipeline.campaign.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignClient;
import dev.smspipeline.campaign.support.CampaignEventsProducer;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.MutableClock;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

@CampaignServiceTest
class CampaignLifecycleIntegrationTests {

	private static TopicProbe<MessageRequested> requests;

	private static TopicProbe<DeliveryStatus> statuses;

	private static TopicProbe<CampaignEvent> events;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@BeforeAll
	static void openProbes() {
		requests = TopicProbe.of(Topics.MESSAGE_REQUESTED);
		statuses = TopicProbe.of(Topics.DELIVERY_STATUS);
		events = TopicProbe.of(Topics.CAMPAIGN_EVENTS);
	}

	@AfterAll
	static void closeProbes() {
		requests.close();
		statuses.close();
		events.close();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void releasesEachOf300RecipientsOnceAndAnnouncesSentWithTheTotal() {
		List<String> phones = IntStream.range(0, 300).mapToObj((i) -> Numbers.newYork()).toList();
		String id = acme().create("""
				{"name": "Spring sale", "body": "Hi {{firstName}}, 20%% off today", "quietHours": {"enabled": false},
				 "recipients": %s}""".formatted(CampaignClient.recipients(phones)));
		acme().activate(id);

		ApiResponse sent = acme().awaitStatus(id, "SENT");
		List<MessageRequested> released = awaitRequests(id, 300);
		assertThat(released).extracting(MessageRequested::getMessageId).doesNotHaveDuplicates();
		assertThat(released).extracting(MessageRequested::getRecipient).containsExactlyInAnyOrderElementsOf(phones);
		MessageRequested first = released.get(0);
		assertThat(first.getSource()).isEqualTo(RequestSource.CAMPAIGN);
		assertThat(first.getAccountId()).isEqualTo("acme");
		assertThat(first.getBody()).isEqualTo("Hi F" + first.getRecipient().substring(8) + ", 20% off today");
		assertThat(first.getSegments()).isEqualTo(1);
		assertThat(first.getNotBefore()).isNotNull();
		assertThat(first.getExpiresAt()).isEqualTo(first.getNotBefore().plus(Duration.ofHours(4)));
		CampaignEvent announcement = events.await((event) -> event.getCampaignId().equals(id)
				&& event.getType() == CampaignEventType.STATUS_CHANGED && event.getStatus() == CampaignStatus.SENT);
		assertThat(announcement.getCounts()).containsEntry("total", 300L).containsEntry("released", 300L);
		assertThat(announcement.getPreviousStatus()).isEqualTo(CampaignStatus.SENDING);
		assertThat(sent.<Integer>json("$.counts.released")).isEqualTo(300);
		assertThat(sent.<Integer>json("$.segments.total")).isEqualTo(300);
		assertThat(sent.<String>json("$.sentAt")).isNotNull();
	}

	@Test
	void publishesAScheduledStatusWithTheReleaseTimeForEachText() {
		String phone = Numbers.chicago();
		String id = acme().create("""
				{"name": "Scheduled", "body": "Hello", "quietHours": {"enabled": false},
				 "recipients": [{"phone": "%s"}]}""".formatted(phone));
		acme().activate(id);

		DeliveryStatus scheduled = statuses
			.await((status) -> id.equals(status.getCampaignId()) && status.getStatus() == MessageStatus.SCHEDULED);
		assertThat(scheduled.getRecipient()).isEqualTo(phone);
		assertThat(scheduled.getSegments()).isEqualTo(1);
		assertThat(Instant.parse(scheduled.getAttributes().get("releaseAt"))).isNotNull();
		assertThat(scheduled.getAttributes()).containsKey("expiresAt");
	}

	@Test
	void movesFromSentToDoneWhenStatusServiceCompletesIt() {
		String id = acme().create("""
				{"name": "Done", "body": "Hello", "quietHours": {"enabled": false},
				 "recipients": [{"phone": "%s"}, {"phone": "%s"}]}""".formatted(Numbers.newYork(), Numbers.chicago()));
		acme().activate(id);
		acme().awaitStatus(id, "SENT");

		CampaignEventsProducer.completed("acme", id,
				Map.of("inQueue", 0L, "outbox", 0L, "delivered", 2L, "error", 0L, "total", 2L));

		ApiResponse done = acme().awaitStatus(id, "DONE");
		assertThat(done.<Integer>json("$.finalCounts.delivered")).isEqualTo(2);
		assertThat(done.<String>json("$.failureReason")).isEqualTo("ALL_TERMINAL");
		assertThat(done.<String>json("$.completedAt")).isNotNull();
		CampaignEvent transition = events.await((event) -> event.getCampaignId().equals(id)
				&& event.getType() == CampaignEventType.STATUS_CHANGED && event.getStatus() == CampaignStatus.DONE);
		assertThat(transition.getPreviousStatus()).isEqualTo(CampaignStatus.SENT);
	}

	@Test
	void publishesEveryTransitionInOrderWithItsPreviousStatus() {
		String id = acme().create("""
				{"name": "Transitions", "body": "Hello", "quietHours": {"enabled": false},
				 "recipients": [{"phone": "%s"}]}""".formatted(Numbers.losAngeles()));
		acme().activate(id);
		acme().awaitStatus(id, "SENT");

		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> events.values((event) -> event.getCampaignId().equals(id)).size() >= 5);
		List<CampaignEvent> published = events.values((event) -> event.getCampaignId().equals(id));
		assertThat(published).extracting(CampaignEvent::getStatus)
			.containsExactly(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.PROCESSING,
					CampaignStatus.SENDING, CampaignStatus.SENT);
		assertThat(published).extracting(CampaignEvent::getPreviousStatus)
			.containsExactly(null, CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.PROCESSING,
					CampaignStatus.SENDING);
		assertThat(published).extracting(CampaignEvent::getEventId).doesNotHaveDuplicates();
		assertThat(published).allSatisfy((event) -> assertThat(event.getAccountId()).isEqualTo("acme"));
	}

	@Test
	void rejectsNumbersThatCannotBeTextedWithTheirReasonAndNeverRequestsThem() {
		String good = Numbers.newYork();
		String id = acme().create("""
				{"name": "Mixed", "body": "Hello", "quietHours": {"enabled": false},
				 "recipients": [{"phone": "%s"}, {"phone": "+442071838750"}, {"phone": "not a number"}]}"""
			.formatted(good));
		acme().activate(id);

		ApiResponse sent = acme().awaitStatus(id, "SENT");
		assertThat(sent.<Integer>json("$.counts.rejected")).isEqualTo(2);
		assertThat(sent.<Integer>json("$.counts.error")).isEqualTo(2);
		assertThat(sent.<Integer>json("$.counts.total")).isEqualTo(3);
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> statuses
				.values((status) -> id.equals(status.getCampaignId()) && status.getStatus() == MessageStatus.REJECTED)
				.size() == 2);
		assertThat(statuses
			.values((status) -> id.equals(status.getCampaignId()) && status.getStatus() == MessageStatus.REJECTED))
			.extracting(DeliveryStatus::getReasonCode)
			.containsExactlyInAnyOrder("UNSUPPORTED_COUNTRY", "INVALID_NUMBER");
		assertThat(awaitRequests(id, 1)).extracting(MessageRequested::getRecipient).containsExactly(good);
		CampaignEvent announcement = events
			.await((event) -> event.getCampaignId().equals(id) && event.getStatus() == CampaignStatus.SENT);
		assertThat(announcement.getCounts()).containsEntry("total", 3L).containsEntry("released", 1L);
	}

	@Test
	void failsACampaignWithNobodyLeftToTextAndSaysWhy() {
		String id = acme().create("""
				{"name": "Nobody", "body": "Hello", "recipients": [{"phone": "+442071838750"}, {"phone": "12"}]}""");
		acme().activate(id);

		ApiResponse failed = acme().awaitStatus(id, "FAILED");
		assertThat(failed.<String>json("$.failureReason")).startsWith("NO_RECIPIENT_LEFT").contains("2 rejected");
		assertThat(failed.<String>json("$.failedAt")).isNotNull();
	}

	@Test
	void sendsADuplicatedNumberOnce() {
		String phone = Numbers.chicago();
		String id = acme().create("""
				{"name": "Dupes", "body": "Hello", "quietHours": {"enabled": false},
				 "recipients": [{"phone": "%s"}, {"phone": "(312) %s-%s"}, {"phone": "%s"}]}""".formatted(phone,
				phone.substring(5, 8), phone.substring(8), phone));

		ApiResponse draft = acme().get(id);
		assertThat(draft.<Integer>json("$.audience.recipients")).isEqualTo(1);
		assertThat(draft.<Integer>json("$.audience.duplicates")).isEqualTo(2);
		acme().activate(id);
		acme().awaitStatus(id, "SENT");
		assertThat(awaitRequests(id, 1)).hasSize(1);
	}

	@Test
	void cancelingAScheduledCampaignTakesItBackToDraft() {
		String id = acme().create("""
				{"name": "Later", "body": "Hello", "sendAt": "%s", "recipients": [{"phone": "%s"}]}"""
			.formatted(Instant.now().plus(Duration.ofDays(2)), Numbers.newYork()));
		acme().activate(id);
		assertThat(acme().get(id).<String>json("$.status")).isEqualTo("SCHEDULED");

		ApiResponse canceled = acme().cancel(id);

		assertThat(canceled.status()).isEqualTo(200);
		assertThat(canceled.<String>json("$.status")).isEqualTo("DRAFT");
		CampaignEvent event = events.await((e) -> e.getCampaignId().equals(id) && e.getStatus() == CampaignStatus.DRAFT
				&& e.getPreviousStatus() == CampaignStatus.SCHEDULED);
		assertThat(event.getReason()).isEqualTo("CANCELED_BEFORE_START");
		assertThat(acme().http().patch("/api/v1/campaigns/" + id, "{\"name\": \"Editable again\"}").status())
			.isEqualTo(200);
	}

	@Test
	void cancelingASendingCampaignCancelsEveryHeldTextWithItsReason() {
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			phones.add(Numbers.newYork());
		}
		// 07:00 in New York: the texts are held for 10:00.
		this.clock.setTo(Instant.parse("2031-01-14T12:00:00Z"));
		String id = acme().create("""
				{"name": "Stop it", "body": "Hello", "sendAtLocalTime": "10:00", "recipients": %s}"""
			.formatted(CampaignClient.recipients(phones)));
		acme().activate(id);
		acme().awaitStatus(id, "SENDING");

		ApiResponse canceled = acme().cancel(id);

		assertThat(canceled.status()).isEqualTo(200);
		assertThat(canceled.<String>json("$.status")).isEqualTo("CANCELED");
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> statuses
				.values((status) -> id.equals(status.getCampaignId()) && status.getStatus() == MessageStatus.CANCELED)
				.size() == 5);
		assertThat(statuses
			.values((status) -> id.equals(status.getCampaignId()) && status.getStatus() == MessageStatus.CANCELED))
			.allSatisfy((status) -> assertThat(status.getReasonCode()).isEqualTo("CAMPAIGN_CANCELED"));
		CampaignEvent event = events.await((e) -> e.getCampaignId().equals(id)
				&& e.getType() == CampaignEventType.STATUS_CHANGED && e.getStatus() == CampaignStatus.CANCELED);
		assertThat(event.getPreviousStatus()).isEqualTo(CampaignStatus.SENDING);
		this.clock.setTo(Instant.parse("2031-01-14T16:00:00Z"));
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> acme().get(id).<Integer>json("$.counts.canceled") == 5);
		assertThat(requests.values((request) -> id.equals(request.getCampaignId()))).isEmpty();
	}

	@Test
	void refusesToCancelASentCampaignOrADraft() {
		String id = acme().create("""
				{"name": "Gone", "body": "Hello", "quietHours": {"enabled": false},
				 "recipients": [{"phone": "%s"}]}""".formatted(Numbers.newYork()));
		ApiResponse draft = acme().cancel(id);
		assertThat(draft.status()).isEqualTo(409);
		assertThat(draft.contentType()).startsWith("application/problem+json");

		acme().activate(id);
		acme().awaitStatus(id, "SENT");
		ApiResponse sent = acme().cancel(id);

		assertThat(sent.status()).isEqualTo(409);
		assertThat(sent.contentType()).startsWith("application/problem+json");
		assertThat(sent.<String>json("$.detail")).contains("SENT");
		assertThat(acme().get(id).<String>json("$.status")).isEqualTo("SENT");
	}

	@Test
	void refusesToCancelADoneCampaign() {
		String id = acme().create("""
				{"name": "Done already", "body": "Hello", "quietHours": {"enabled": false},
				 "recipients": [{"phone": "%s"}]}""".formatted(Numbers.newYork()));
		acme().activate(id);
		acme().awaitStatus(id, "SENT");
		CampaignEventsProducer.completed("acme", id, Map.of("delivered", 1L, "total", 1L));
		acme().awaitStatus(id, "DONE");

		assertThat(acme().cancel(id).status()).isEqualTo(409);
	}

	private List<MessageRequested> awaitRequests(String campaignId, int count) {
		return Awaitility.await("requests of campaign " + campaignId)
			.atMost(Duration.ofSeconds(60))
			.until(() -> requests.values((request) -> campaignId.equals(request.getCampaignId())),
					(found) -> found.size() >= count);
	}

	private CampaignClient acme() {
		return CampaignClient.as(TestAccount.ACME, this.port);
	}

}
