package dev.smspipeline.dispatch.consent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.smspipeline.dispatch.CarrierLog;
import dev.smspipeline.dispatch.DispatchIntegrationTest;
import dev.smspipeline.dispatch.Events;
import dev.smspipeline.dispatch.MessageRequests;
import dev.smspipeline.dispatch.SimulatedCarrier;
import dev.smspipeline.dispatch.TextStatuses;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerializer;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.messages.Outcome;
import dev.smspipeline.simulator.messages.ReceivedMessage;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancellations from {@code sms.campaign-events} and opt-outs from {@code sms.opt-outs}
 * stop texts before the carrier, whether the texts wait in memory, wait in the parked
 * table, or have not arrived yet. A number keeps two texts in memory here, so the third
 * is parked.
 */
@DispatchIntegrationTest
class ConsentIntegrationTests {

	private static final CarrierSimulator carrier = SimulatedCarrier.shared();

	@RegisterExtension
	static final MessageRequests requests = MessageRequests.open();

	@RegisterExtension
	static final Events events = Events.open();

	@RegisterExtension
	static final TopicProbe<DeliveryStatus> statuses = TopicProbe.of(Topics.DELIVERY_STATUS);

	@Autowired
	JdbcClient jdbc;

	@Test
	void cancelsTheQueuedAndParkedTextsOfACancelledCampaign() {
		// the first create to a +1415207 number gets a 429 with Retry-After: 3: the texts
		// wait in the number's queue (two) and in the parked table (one)
		String campaign = UUID.randomUUID().toString();
		List<MessageRequested> texts = List.of(MessageRequests.ofCampaign("+14152075001", campaign),
				MessageRequests.ofCampaign("+14152075001", campaign),
				MessageRequests.ofCampaign("+14152075001", campaign));
		requests.sendAll(texts);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !CarrierLog.of(carrier).createsFor(texts.subList(0, 1)).isEmpty());

		events.campaignCanceled(campaign);

		for (MessageRequested text : texts) {
			DeliveryStatus canceled = awaitStatus(text, MessageStatus.CANCELED);
			assertThat(canceled.getReasonCode()).isEqualTo(Cancellation.CAMPAIGN_CANCELED);
		}
		assertThat(CarrierLog.of(carrier).createsFor(texts)).extracting(ReceivedMessage::outcome)
			.doesNotContain(Outcome.ACCEPTED);
	}

	@Test
	void honoursACancellationThatArrivesBeforeItsTexts() {
		String campaign = UUID.randomUUID().toString();
		events.campaignCanceled(campaign);
		await().atMost(Duration.ofSeconds(20)).until(() -> cancellations(campaign) == 1);
		MessageRequested late = MessageRequests.ofCampaign("+14155555101", campaign);

		requests.send(late);

		assertThat(awaitStatus(late, MessageStatus.CANCELED).getReasonCode()).isEqualTo(Cancellation.CAMPAIGN_CANCELED);
		assertThat(CarrierLog.of(carrier).createsFor(List.of(late))).isEmpty();
	}

	@Test
	void cancelsOnlyTheDeletedLeadsTexts() {
		String campaign = UUID.randomUUID().toString();
		events.recipientDeleted(campaign, "+14155555201");
		await().atMost(Duration.ofSeconds(20)).until(() -> cancellations(campaign) == 1);
		MessageRequested ofDeleted = MessageRequests.ofCampaign("+14155555201", campaign);
		MessageRequested ofKept = MessageRequests.ofCampaign("+14155555202", campaign);

		requests.sendAll(List.of(ofDeleted, ofKept));

		assertThat(awaitStatus(ofDeleted, MessageStatus.CANCELED).getReasonCode()).isEqualTo(Cancellation.LEAD_DELETED);
		awaitStatus(ofKept, MessageStatus.SUBMITTED);
		assertThat(CarrierLog.of(carrier).createsFor(List.of(ofDeleted))).isEmpty();
	}

	@Test
	void rejectsATextToANumberThatOptedOutUntilItOptsBackIn() {
		String number = "+14155555301";
		events.optOut(number, OptOutAction.OPT_OUT);
		await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(optedOut(number)));
		MessageRequested afterStop = MessageRequests.to(number);

		requests.send(afterStop);

		assertThat(awaitStatus(afterStop, MessageStatus.REJECTED).getReasonCode()).isEqualTo("OPTED_OUT");
		assertThat(CarrierLog.of(carrier).createsFor(List.of(afterStop))).isEmpty();

		events.optOut(number, OptOutAction.OPT_IN);
		await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.FALSE.equals(optedOut(number)));
		MessageRequested afterStart = MessageRequests.to(number);
		requests.send(afterStart);
		awaitStatus(afterStart, MessageStatus.SUBMITTED);
	}

	@Test
	void deadLettersARecordOfAnotherTypeOnTheCampaignEventsTopicWithItsOriginalBytes() throws Exception {
		// A DeliveryStatus in the wire format, under the id its own subject gave it: the
		// registry would refuse that schema under sms.campaign-events-value.
		String key = "not-a-campaign-" + UUID.randomUUID();
		DeliveryStatus status = DeliveryStatus.newBuilder()
			.setEventId(key)
			.setMessageId(key)
			.setAccountId(TestAccount.ACME.id())
			.setStatus(MessageStatus.SENT)
			.setOccurredAt(Instant.now())
			.setSource(StatusSource.DISPATCH)
			.setAttributes(Map.of())
			.build();
		Properties properties = new Properties();
		properties.put("bootstrap.servers", TestInfrastructure.shared().kafkaBootstrapServers());
		properties.put("schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl());
		byte[] foreign;
		try (AvroSerializer<DeliveryStatus> avro = new AvroSerializer<>();
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
						new ByteArraySerializer())) {
			avro.configure(Map.of("schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl()), false);
			foreign = avro.serialize(Topics.DELIVERY_STATUS, status);
			producer.send(new ProducerRecord<>(Topics.CAMPAIGN_EVENTS, key, foreign)).get();
		}

		try (TopicProbe<byte[]> deadLetters = TopicProbe.ofBytes(Topics.deadLetter(Topics.CAMPAIGN_EVENTS))) {
			ConsumerRecord<String, byte[]> dead = deadLetters.awaitRecord((record) -> key.equals(record.key()));
			// Read as a CampaignEvent whatever its writer schema, it cannot be read at
			// all: its
			// dead letter holds its original bytes.
			assertThat(dead.value()).isEqualTo(foreign);
			assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(),
					StandardCharsets.UTF_8))
				.isNotBlank();
		}
	}

	@Test
	void deadLettersAnOptOutOfAGarbageNumberWithItsReasonAndAppliesTheNextOne() {
		String garbage = "call-me-" + UUID.randomUUID();
		String number = "+14155555401";

		events.optOut(garbage, OptOutAction.OPT_OUT);
		events.optOut(number, OptOutAction.OPT_OUT);

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(Topics.OPT_OUTS, TestAccount.ACME.id() + ":" + garbage);
		assertThat(new String(dead.headers().lastHeader("x-reason").value(), StandardCharsets.UTF_8))
			.isEqualTo("INVALID_OPT_OUT");
		await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(optedOut(number)));
		assertThat(optedOut(garbage)).isNull();
	}

	private static ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String key) {
		try (TopicProbe<byte[]> deadLetters = TopicProbe.ofBytes(Topics.deadLetter(topic))) {
			return deadLetters.awaitRecord((record) -> key.equals(record.key()));
		}
	}

	private long cancellations(String campaign) {
		return this.jdbc.sql("SELECT count(*) FROM campaign_cancellation WHERE campaign_id = ?")
			.param(campaign)
			.query(Long.class)
			.single();
	}

	private Boolean optedOut(String number) {
		return this.jdbc.sql("SELECT opted_out FROM opt_out WHERE account_id = ? AND recipient = ?")
			.params(TestAccount.ACME.id(), number)
			.query(Boolean.class)
			.optional()
			.orElse(null);
	}

	private static DeliveryStatus awaitStatus(MessageRequested request, MessageStatus status) {
		return statuses.await(TextStatuses.of(request, status));
	}

}
