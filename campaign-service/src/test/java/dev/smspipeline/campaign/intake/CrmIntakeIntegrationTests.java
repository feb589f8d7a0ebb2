package dev.smspipeline.campaign.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.DeadLetterProbe;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.OneOffs;
import dev.smspipeline.campaign.support.Records;
import dev.smspipeline.events.CrmSmsRequest;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code crm.sms-requests}: CRM producers' requests become texts with the API's checks
 * and de-duplication; what cannot become a text goes to the DLT, and consumption goes on.
 */
@CampaignServiceTest
class CrmIntakeIntegrationTests {

	private static TopicProbe<MessageRequested> requests;

	private static TopicProbe<DeliveryStatus> statuses;

	private static DeadLetterProbe deadLetters;

	@LocalServerPort
	int port;

	@BeforeAll
	static void openProbes() {
		requests = TopicProbe.of(Topics.MESSAGE_REQUESTED);
		statuses = TopicProbe.of(Topics.DELIVERY_STATUS);
		deadLetters = DeadLetterProbe.of(Topics.deadLetter(Topics.CRM_SMS_REQUESTS));
	}

	@AfterAll
	static void closeProbes() {
		requests.close();
		statuses.close();
		deadLetters.close();
	}

	@Test
	void aPoisonRecordBetweenTwoGoodOnesGoesToTheDltAndBothGoodOnesAreSent() {
		String key = "lead-" + UUID.randomUUID();
		CrmSmsRequest first = Records.crmRequest("acme", Numbers.losAngeles(), "Welcome aboard").build();
		CrmSmsRequest second = Records.crmRequest("acme", Numbers.losAngeles(), "Welcome aboard").build();
		byte[] poison = ("not avro " + key).getBytes(StandardCharsets.UTF_8);

		Records.send(Topics.CRM_SMS_REQUESTS, key, first);
		RecordMetadata poisoned = Records.sendBytes(Topics.CRM_SMS_REQUESTS, key, poison);
		RecordMetadata last = Records.send(Topics.CRM_SMS_REQUESTS, key, second);

		MessageRequested sentFirst = requests.await((r) -> first.getEventId().equals(r.getIdempotencyKey()));
		MessageRequested sentSecond = requests.await((r) -> second.getEventId().equals(r.getIdempotencyKey()));
		assertThat(sentFirst.getSource()).isEqualTo(RequestSource.CRM_TOPIC);
		assertThat(sentSecond.getRecipient()).isEqualTo(second.getRecipient());
		ConsumerRecord<byte[], byte[]> dead = deadLetters
			.await((r) -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8).equals("not avro " + key));
		assertThat(dead.value()).isEqualTo(poison);
		assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(key);
		assertThat(dead.partition()).isEqualTo(poisoned.partition());
		assertThat(DeadLetterProbe.header(dead, "x-reason")).isEqualTo("UNREADABLE");
		assertThat(DeadLetterProbe.header(dead, "kafka_dlt-exception-message")).contains("magic byte");
		assertThat(DeadLetterProbe.header(dead, "kafka_dlt-original-offset")).isNotNull();
		awaitCommitted(last);
	}

	@Test
	void aRequestOfAnUnknownAccountGoesToTheDltWithItsReason() {
		CrmSmsRequest request = Records.crmRequest("initech", Numbers.losAngeles(), "Hello").build();

		Records.send(Topics.CRM_SMS_REQUESTS, null, request);

		ConsumerRecord<byte[], byte[]> dead = deadLetters.await((r) -> containsEventId(r, request));
		assertThat(DeadLetterProbe.header(dead, "x-reason")).isEqualTo("UNKNOWN_ACCOUNT");
		assertThat(DeadLetterProbe.header(dead, "kafka_dlt-exception-message")).contains("initech");
	}

	@Test
	void aRequestWithoutARecipientGoesToTheDltWithItsReason() {
		CrmSmsRequest request = Records.crmRequest("acme", "", "Hello").build();

		Records.send(Topics.CRM_SMS_REQUESTS, "any", request);

		ConsumerRecord<byte[], byte[]> dead = deadLetters.await((r) -> containsEventId(r, request));
		assertThat(DeadLetterProbe.header(dead, "x-reason")).isEqualTo("MISSING_FIELD");
		assertThat(DeadLetterProbe.header(dead, "kafka_dlt-exception-message")).contains("recipient: is required");
	}

	@Test
	void anInvalidNumberIsARejectedTextNotADeadLetter() {
		CrmSmsRequest request = Records.crmRequest("acme", "+15550000001", "Hello nobody").build();

		Records.send(Topics.CRM_SMS_REQUESTS, "any", request);

		DeliveryStatus rejected = statuses.await((s) -> isFor(s, request));
		assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("INVALID_NUMBER");
		assertThat(deadLetters.records((r) -> containsEventId(r, request))).isEmpty();
	}

	@Test
	void aRedeliveredRequestSendsNothingMore() {
		String recipient = Numbers.losAngeles();
		CrmSmsRequest request = Records.crmRequest("acme", recipient, "Your order shipped")
			.setAllowDuplicate(true)
			.build();

		Records.send(Topics.CRM_SMS_REQUESTS, "order-1", request);
		RecordMetadata again = Records.send(Topics.CRM_SMS_REQUESTS, "order-1", request);

		awaitCommitted(again);
		OneOffs.awaitEverythingPublishedTo(acme(), requests, recipient);
		assertThat(requests.values((r) -> request.getEventId().equals(r.getIdempotencyKey()))).hasSize(1);
	}

	@Test
	void anEventIdReusedForAnotherRequestGoesToTheDlt() {
		String recipient = Numbers.losAngeles();
		CrmSmsRequest request = Records.crmRequest("acme", recipient, "First").build();
		CrmSmsRequest reused = CrmSmsRequest.newBuilder(request).setBody("Second").build();

		Records.send(Topics.CRM_SMS_REQUESTS, "k", request);
		Records.send(Topics.CRM_SMS_REQUESTS, "k", reused);

		ConsumerRecord<byte[], byte[]> dead = deadLetters.await((r) -> containsEventId(r, reused));
		assertThat(DeadLetterProbe.header(dead, "x-reason")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
		assertThat(requests.await((r) -> request.getEventId().equals(r.getIdempotencyKey())).getBody())
			.isEqualTo("First");
	}

	@Test
	void aRequestOnTheTopicDuplicatesOneMadeOverTheApi() {
		String recipient = Numbers.losAngeles();
		String first = OneOffs.send(acme(), recipient, "Trigger fired").json("$.messageId");
		CrmSmsRequest again = Records.crmRequest("acme", recipient, "Trigger fired").build();

		awaitCommitted(Records.send(Topics.CRM_SMS_REQUESTS, "k", again));
		OneOffs.awaitEverythingPublishedTo(acme(), requests, recipient);
		assertThat(requests.values((r) -> r.getRecipient().equals(recipient) && r.getBody().equals("Trigger fired")))
			.singleElement()
			.satisfies((r) -> assertThat(r.getMessageId()).isEqualTo(first));
	}

	@Test
	void aRequestReadAfterItsValidityEndsExpiredAndIsNotSent() {
		String recipient = Numbers.losAngeles();
		CrmSmsRequest late = Records.crmRequest("acme", recipient, "Your cart misses you")
			.setRequestedAt(Instant.now().minus(Duration.ofHours(4)).minusSeconds(1))
			.build();

		Records.send(Topics.CRM_SMS_REQUESTS, "k", late);
		RecordMetadata replayed = Records.send(Topics.CRM_SMS_REQUESTS, "k", late);

		DeliveryStatus expired = statuses.await((s) -> isFor(s, late));
		assertThat(expired.getStatus()).isEqualTo(MessageStatus.EXPIRED);
		assertThat(expired.getReasonCode()).isEqualTo("VALIDITY_PASSED_BEFORE_INTAKE");
		awaitCommitted(replayed);
		OneOffs.awaitEverythingPublishedTo(acme(), requests, recipient);
		assertThat(requests.values((r) -> r.getRecipient().equals(recipient) && r.getBody().equals(late.getBody())))
			.isEmpty();
		assertThat(statuses.values((s) -> isFor(s, late))).hasSize(1);
	}

	@Test
	void aRequestWithASendAtBeyondTheScheduleLimitGoesToTheDltNamingTheField() {
		CrmSmsRequest request = Records.crmRequest("acme", Numbers.losAngeles(), "Next month")
			.setSendAt(Instant.now().plus(Duration.ofDays(31)))
			.build();

		Records.send(Topics.CRM_SMS_REQUESTS, "k", request);

		ConsumerRecord<byte[], byte[]> dead = deadLetters.await((r) -> containsEventId(r, request));
		assertThat(DeadLetterProbe.header(dead, "x-reason")).isEqualTo("INVALID_FIELD");
		assertThat(DeadLetterProbe.header(dead, "kafka_dlt-exception-message")).contains("sendAt: is more than");
	}

	/** Waits until the intake committed the offset after this record (it is recorded). */
	private static void awaitCommitted(RecordMetadata record) {
		awaitCommitted(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
	}

	private static void awaitCommitted(TopicPartition partition, long offset) {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers());
		try (Admin admin = Admin.create(properties)) {
			Awaitility.await("offset " + offset + " of " + partition + " committed")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> {
					Map<TopicPartition, OffsetAndMetadata> committed = admin
						.listConsumerGroupOffsets(CrmIntakeListener.GROUP)
						.partitionsToOffsetAndMetadata()
						.get();
					OffsetAndMetadata at = committed.get(partition);
					return at != null && at.offset() >= offset;
				});
		}
	}

	private static boolean containsEventId(ConsumerRecord<byte[], byte[]> record, CrmSmsRequest request) {
		return record.value() != null
				&& new String(record.value(), StandardCharsets.ISO_8859_1).contains(request.getEventId());
	}

	private static boolean isFor(DeliveryStatus status, CrmSmsRequest request) {
		return request.getEventId().equals(status.getAttributes().get("idempotencyKey"));
	}

	private Http acme() {
		return Http.as(TestAccount.ACME, this.port);
	}

}
