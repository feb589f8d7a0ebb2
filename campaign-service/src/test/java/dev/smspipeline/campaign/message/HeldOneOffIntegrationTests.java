package dev.smspipeline.campaign.message;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.MutableClock;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.OneOffs;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.TrafficClass;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.spring.ResetAfterEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-off texts with a {@code sendAt} ahead, or that respect the recipient's quiet hours,
 * are held in campaign-service and handed to dispatch only when they may go out.
 */
@CampaignServiceTest
class HeldOneOffIntegrationTests {

	/** 07:37 in New York, in quiet hours (21:00 to 08:00). */
	private static final Instant SEVEN_THIRTY_SEVEN_IN_NEW_YORK = Instant.parse("2034-03-01T12:37:00Z");

	/** 08:00 in New York, when quiet hours end. */
	private static final Instant EIGHT_IN_NEW_YORK = Instant.parse("2034-03-01T13:00:00Z");

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
	void quietHoursHoldAOneOffUntilTheyEnd() {
		this.clock.setTo(SEVEN_THIRTY_SEVEN_IN_NEW_YORK);
		String recipient = Numbers.newYork();
		ApiResponse answer = acme().postJson("/api/v1/messages", """
				{"recipient": "%s", "body": "Your code is 123456", "respectQuietHours": true}""".formatted(recipient));

		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		assertThat(answer.<String>json("$.status")).isEqualTo("SCHEDULED");
		assertThat(answer.<String>json("$.releaseAt")).isEqualTo(EIGHT_IN_NEW_YORK.toString());
		String messageId = answer.json("$.messageId");
		DeliveryStatus scheduled = statuses.await((s) -> s.getMessageId().equals(messageId));
		assertThat(scheduled.getStatus()).isEqualTo(MessageStatus.SCHEDULED);
		OneOffs.awaitEverythingPublishedTo(acme(), requests, recipient);
		assertThat(requests.values((r) -> r.getMessageId().equals(messageId))).isEmpty();

		this.clock.setTo(EIGHT_IN_NEW_YORK);

		MessageRequested released = requests.await((r) -> r.getMessageId().equals(messageId));
		assertThat(released.getRecipient()).isEqualTo(recipient);
		assertThat(released.getPriority()).isEqualTo(TrafficClass.TRANSACTIONAL);
		Instant validUntil = SEVEN_THIRTY_SEVEN_IN_NEW_YORK.plus(Duration.ofHours(4));
		assertThat(released.getExpiresAt()).isBetween(validUntil, validUntil.plusSeconds(30));
	}

	@Test
	void aOneOffForLaterIsReleasedAtItsSendAtUnderTheIdAndKeyItWasAnsweredWith() {
		Instant sendAt = this.clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		String key = UUID.randomUUID().toString();
		String json = """
				{"recipient": "%s", "body": "Your appointment is in an hour", "sendAt": "%s", "priority": "bulk"}"""
			.formatted(Numbers.chicago(), sendAt);
		HttpResponse<String> first = acme().postJsonWithHeaders("/api/v1/messages", json, "Idempotency-Key", key);
		HttpResponse<String> again = acme().postJsonWithHeaders("/api/v1/messages", json, "Idempotency-Key", key);

		assertThat(JsonPath.<String>read(first.body(), "$.status")).isEqualTo("SCHEDULED");
		assertThat(again.body()).isEqualTo(first.body());
		String messageId = JsonPath.read(first.body(), "$.messageId");

		this.clock.advance(Duration.ofHours(2));

		MessageRequested released = requests.await((r) -> r.getMessageId().equals(messageId));
		assertThat(released.getIdempotencyKey()).isEqualTo(key);
		assertThat(released.getPriority()).isEqualTo(TrafficClass.BULK);
	}

	@Test
	void aReleasedTextIsNoLongerHeldSoItIsReleasedOnce() {
		Instant sendAt = this.clock.instant().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
		ApiResponse answer = acme().postJson("/api/v1/messages", """
				{"recipient": "%s", "body": "Doors open in five", "sendAt": "%s"}""".formatted(Numbers.chicago(),
				sendAt));
		String messageId = answer.json("$.messageId");
		assertThat(held(messageId)).isOne();

		this.clock.advance(Duration.ofMinutes(5));

		requests.await((r) -> r.getMessageId().equals(messageId));
		assertThat(held(messageId)).isZero();
	}

	/** Written in the transaction that writes the released text to the outbox. */
	private int held(String messageId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM held_one_off WHERE message_id = ?::uuid", Integer.class,
				messageId);
	}

	@Test
	void aRecipientWhoOptsOutWhileTheTextIsHeldEndsItRejectedAtRelease() {
		String recipient = Numbers.chicago();
		Instant sendAt = this.clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		ApiResponse answer = acme().postJson("/api/v1/messages", """
				{"recipient": "%s", "body": "See you tomorrow", "sendAt": "%s"}""".formatted(recipient, sendAt));
		String messageId = answer.json("$.messageId");
		assertThat(acme().put("/api/v1/opt-outs/" + recipient).status()).isBetween(200, 204);

		this.clock.advance(Duration.ofHours(1));

		DeliveryStatus rejected = statuses
			.await((s) -> s.getMessageId().equals(messageId) && s.getStatus() == MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("OPTED_OUT");
		assertThat(requests.values((r) -> r.getMessageId().equals(messageId))).isEmpty();
	}

	@Test
	void refusesASendAtBeyondTheScheduleLimitNamingTheField() {
		Instant tooLate = this.clock.instant().plus(Duration.ofDays(31));

		ApiResponse response = acme().postJson("/api/v1/messages", """
				{"recipient": "%s", "body": "Next month", "sendAt": "%s"}""".formatted(Numbers.chicago(), tooLate));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.<String>json("$.errors[0].field")).isEqualTo("sendAt");
		assertThat(response.<String>json("$.errors[0].reason")).contains("sms.messages.max-schedule-ahead");
	}

	private Http acme() {
		return Http.as(TestAccount.ACME, this.port);
	}

}
