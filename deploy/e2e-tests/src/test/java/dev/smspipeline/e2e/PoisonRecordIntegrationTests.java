package dev.smspipeline.e2e;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.events.CrmSmsRequest;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroDeserializer;
import dev.smspipeline.schemas.serde.AvroSerializer;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Poison on every topic a service consumes, each followed on the same partition by a good
 * record: random bytes, a truncated Avro record, an id the registry does not know, a
 * record of another topic's type under its own (real) schema id, tombstones where none
 * belong, and records that read but cannot be acted on. Every consumer either sends the
 * poison to {@code <topic>.DLT} with its original bytes and the reason in its headers, or
 * (where its contract says so) skips it with a log line; none stops, loops or drops the
 * good record behind it, whose effect is checked (a text reaches the carrier, a status is
 * stored, an opt-out applies, a cancellation is recorded) and whose offset every consumer
 * group commits.
 */
@ExtendWith(Pipeline.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonRecordIntegrationTests {

	private static final TestAccount ACME = TestAccount.ACME;

	private static final String CRM_INTAKE = "campaign-service-crm-intake";

	private static final String DISPATCH = "dispatch-service";

	private static final String STATUS_STORE = "status-service-store";

	private static final String CAMPAIGN_EVENTS_CAMPAIGN = "campaign-service";

	private static final String CAMPAIGN_EVENTS_DISPATCH = "dispatch-service-campaigns";

	private static final String CAMPAIGN_EVENTS_STATUS = "status-service-campaigns";

	private static final String OPT_OUTS_CAMPAIGN = "campaign-service-opt-outs";

	private static final String OPT_OUTS_DISPATCH = "dispatch-service-opt-outs";

	private static final Duration WAIT = Duration.ofSeconds(45);

	/**
	 * What the dead letter of each kind of unreadable record says, somewhere in its
	 * headers.
	 */
	private static final String RANDOM = "magic byte";

	private static final String TRUNCATED = "Truncated";

	private static final String UNKNOWN_ID = "Unknown schema id";

	private static final String OTHER_TYPE = "DeliveryStatus";

	private static final CaseReport report = new CaseReport("kafka");

	private static Pipeline pipeline;

	private static KafkaProducer<String, byte[]> producer;

	private static AvroSerializer<SpecificRecord> avro;

	private static KafkaConsumer<byte[], byte[]> deadLetters;

	private static final List<ConsumerRecord<byte[], byte[]>> deadLettersSeen = new ArrayList<>();

	private static Admin admin;

	private static final Map<String, Integer> logLinesAtStart = new LinkedHashMap<>();

	private static final Map<String, TopicRun> runs = new LinkedHashMap<>();

	@BeforeAll
	static void poisonEveryTopic(Pipeline started) {
		pipeline = started;
		pipeline.services().forEach((service) -> logLinesAtStart.put(service.name(), service.logLines().size()));
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
		avro = new AvroSerializer<>();
		avro.configure(Map.of("schema.registry.url", infrastructure.schemaRegistryUrl()), false);
		Properties adminProperties = new Properties();
		adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
		admin = Admin.create(adminProperties);
		Properties consumerProperties = new Properties();
		consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
		consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		deadLetters = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());

		runs.put(Topics.CRM_SMS_REQUESTS, crmRequests());
		runs.put(Topics.MESSAGE_REQUESTED, messageRequests());
		runs.put(Topics.DELIVERY_STATUS, deliveryStatuses());
		runs.put(Topics.CAMPAIGN_EVENTS, campaignEvents());
		runs.put(Topics.OPT_OUTS, optOuts());
	}

	@AfterAll
	static void close() {
		report.write();
		if (producer != null) {
			producer.close(Duration.ofSeconds(5));
		}
		if (deadLetters != null) {
			deadLetters.close(Duration.ofSeconds(1));
		}
		if (admin != null) {
			admin.close(Duration.ofSeconds(5));
		}
	}

	@TestFactory
	@Order(1)
	Stream<DynamicNode> crmSmsRequestsIntake() {
		return verify(Topics.CRM_SMS_REQUESTS);
	}

	@TestFactory
	@Order(2)
	Stream<DynamicNode> messageRequestedIntake() {
		return verify(Topics.MESSAGE_REQUESTED);
	}

	@TestFactory
	@Order(3)
	Stream<DynamicNode> deliveryStatusStore() {
		return verify(Topics.DELIVERY_STATUS);
	}

	@TestFactory
	@Order(4)
	Stream<DynamicNode> campaignEventsConsumers() {
		return verify(Topics.CAMPAIGN_EVENTS);
	}

	@TestFactory
	@Order(5)
	Stream<DynamicNode> optOutsConsumers() {
		return verify(Topics.OPT_OUTS);
	}

	@Test
	@Order(30)
	void leavesEveryServiceUpWithoutARestartOrAnUnexpectedErrorTrace() {
		pipeline.assertEveryServiceUpWithoutRestart();
		for (ServiceProcess service : pipeline.services()) {
			List<String> errors = service.errorLinesSince(logLinesAtStart.get(service.name()));
			// A batch listener's re-seek after a dead letter ("Seek to current after
			// exception") is Spring Kafka's normal path: status-service's store error
			// handler
			// logs it at WARN, so it is no ERROR line here.
			report.record("health", service.name() + " log", "log output during the cases", "no ERROR line",
					errors.isEmpty() ? "none" : errors.size() + " ERROR line(s): " + errors.get(0));
			assertThat(errors).as(service.name() + " logged errors for poison records").isEmpty();
		}
	}

	// --- what each topic gets

	private static TopicRun crmRequests() {
		String key = "crm-" + UUID.randomUUID();
		TopicRun run = new TopicRun(Topics.CRM_SMS_REQUESTS, key);
		CrmSmsRequest good = crm("+14155583001", "Good CRM text after poison");
		String longCampaign = "c".repeat(5000);
		String foreignEvent = "evt-" + UUID.randomUUID();
		run.unreadable("random bytes", random(1), deadLetter(CRM_INTAKE, "UNREADABLE", RANDOM));
		run.unreadable("a truncated CrmSmsRequest", truncated(Topics.CRM_SMS_REQUESTS, good),
				deadLetter(CRM_INTAKE, "UNREADABLE", TRUNCATED));
		run.unreadable("a schema id the registry does not know", unknownSchemaId(Topics.CRM_SMS_REQUESTS, good),
				deadLetter(CRM_INTAKE, "UNREADABLE", UNKNOWN_ID));
		run.poison("a DeliveryStatus under its own schema id", otherType(Topics.CRM_SMS_REQUESTS),
				deadLetter(CRM_INTAKE, "UNREADABLE", "Not a CrmSmsRequest"));
		run.poison("a tombstone", null, deadLetter(CRM_INTAKE, "UNREADABLE", "No value"));
		run.poison("an empty eventId",
				serialize(Topics.CRM_SMS_REQUESTS, crmBuilder("+14155583002", "x").setEventId("")),
				deadLetter(CRM_INTAKE, "MISSING_FIELD", "eventId"));
		run.poison("an account no service knows",
				serialize(Topics.CRM_SMS_REQUESTS, crmBuilder("+14155583003", "x").setAccountId("hooli")),
				deadLetter(CRM_INTAKE, "UNKNOWN_ACCOUNT", "hooli"));
		run.poison("a body of 11 SMS segments",
				serialize(Topics.CRM_SMS_REQUESTS, crmBuilder("+14155583004", "✓".repeat(67 * 10 + 1))),
				deadLetter(CRM_INTAKE, "INVALID_FIELD", "segments"));
		run.poison("a 5,000-character campaignId (wedged the status store)",
				serialize(Topics.CRM_SMS_REQUESTS, crmBuilder("+14155583005", "x").setCampaignId(longCampaign)),
				deadLetter(CRM_INTAKE, "INVALID_FIELD", "campaignId"));
		run.poison("a foreign number (a text, REJECTED UNSUPPORTED_COUNTRY)",
				serialize(Topics.CRM_SMS_REQUESTS, crmBuilder("+33612345678", "Bonjour").setEventId(foreignEvent)),
				new Expectation(CRM_INTAKE, Outcome.APPLIED, "REJECTED UNSUPPORTED_COUNTRY on sms.delivery-status",
						() -> assertThat(firstStatusOf(foreignEvent)).satisfies((status) -> {
							assertThat(status.getStatus()).isEqualTo(MessageStatus.REJECTED);
							assertThat(status.getReasonCode()).isEqualTo("UNSUPPORTED_COUNTRY");
						})));
		run.good("a CrmSmsRequest", serialize(Topics.CRM_SMS_REQUESTS, good), List.of(CRM_INTAKE),
				"the text reaches the carrier", () -> awaitCarrier(good.getRecipient(), good.getBody()));
		return run.publish();
	}

	private static TopicRun messageRequests() {
		String recipient = "+14155583101";
		TopicRun run = new TopicRun(Topics.MESSAGE_REQUESTED, recipient);
		MessageRequested good = messageRequested(recipient, "Good MessageRequested after poison");
		run.unreadable("random bytes", random(2), deadLetter(DISPATCH, null, RANDOM));
		run.unreadable("a truncated MessageRequested", truncated(Topics.MESSAGE_REQUESTED, good),
				deadLetter(DISPATCH, null, TRUNCATED));
		run.unreadable("a schema id the registry does not know", unknownSchemaId(Topics.MESSAGE_REQUESTED, good),
				deadLetter(DISPATCH, null, UNKNOWN_ID));
		run.poison("a DeliveryStatus under its own schema id", otherType(Topics.MESSAGE_REQUESTED),
				deadLetter(DISPATCH, null, "Cannot read a MessageRequested"));
		run.poison("a MessageRequested with an empty body",
				serialize(Topics.MESSAGE_REQUESTED,
						MessageRequested.newBuilder(messageRequested(recipient, "x")).setBody("").build()),
				deadLetter(DISPATCH, null, "body is required"));
		run.poison("a tombstone", null, skipped(DISPATCH, "Skipping a record without a value"));
		run.good("a MessageRequested", serialize(Topics.MESSAGE_REQUESTED, good), List.of(DISPATCH),
				"the text is SUBMITTED and reaches the carrier", () -> {
					ApiResponse message = Awaitility.await(good.getMessageId() + " SUBMITTED")
						.atMost(WAIT)
						.pollInterval(Duration.ofMillis(250))
						.until(() -> pipeline.statusApi(ACME).get("/api/v1/messages/" + good.getMessageId()),
								(response) -> response.status() == 200
										&& response.<List<String>>json("$.history[*].status").contains("SUBMITTED"));
					assertThat(message.<String>json("$.recipient")).isEqualTo(recipient);
					awaitCarrier(recipient, good.getBody());
				});
		return run.publish();
	}

	private static TopicRun deliveryStatuses() {
		String messageId = UUID.randomUUID().toString();
		TopicRun run = new TopicRun(Topics.DELIVERY_STATUS, messageId);
		DeliveryStatus good = deliveryStatus(messageId, "+14155583201");
		run.unreadable("random bytes", random(3), deadLetter(STATUS_STORE, null, RANDOM));
		run.unreadable("a truncated DeliveryStatus", truncated(Topics.DELIVERY_STATUS, good),
				deadLetter(STATUS_STORE, null, TRUNCATED));
		run.unreadable("a schema id the registry does not know", unknownSchemaId(Topics.DELIVERY_STATUS, good),
				deadLetter(STATUS_STORE, null, UNKNOWN_ID));
		run.unreadable("a MessageRequested under its own schema id (was skipped)",
				serialize(Topics.MESSAGE_REQUESTED, messageRequested("+14155583202", "Not a status")),
				deadLetter(STATUS_STORE, null, "MessageRequested"));
		run.poison("a DeliveryStatus with a 10,000-character sender (wedged the store for good)",
				serialize(Topics.DELIVERY_STATUS,
						DeliveryStatus.newBuilder(deliveryStatus(UUID.randomUUID().toString(), "+14155583203"))
							.setSender("9".repeat(10_000))
							.build()),
				skipped(STATUS_STORE, "not a storable DeliveryStatus"));
		run.good("a DeliveryStatus", serialize(Topics.DELIVERY_STATUS, good), List.of(STATUS_STORE),
				"the status is stored and served",
				() -> Awaitility.await(messageId + " stored")
					.atMost(WAIT)
					.pollInterval(Duration.ofMillis(250))
					.until(() -> pipeline.statusApi(ACME).get("/api/v1/messages/" + messageId),
							(response) -> response.status() == 200 && "REQUESTED".equals(response.json("$.status"))));
		return run.publish();
	}

	private static TopicRun campaignEvents() {
		String campaignId = UUID.randomUUID().toString();
		TopicRun run = new TopicRun(Topics.CAMPAIGN_EVENTS, campaignId);
		CampaignEvent sent = campaignEvent(campaignId, CampaignStatus.SENT, Map.of("total", 1L, "released", 1L));
		CampaignEvent canceled = campaignEvent(campaignId, CampaignStatus.CANCELED, Map.of());
		byte[] randomBytes = random(4);
		byte[] truncated = truncated(Topics.CAMPAIGN_EVENTS, sent);
		byte[] unknownId = unknownSchemaId(Topics.CAMPAIGN_EVENTS, sent);
		byte[] otherType = otherType(Topics.CAMPAIGN_EVENTS);
		run.unreadable("random bytes", randomBytes, everyCampaignEventsConsumer(RANDOM));
		run.unreadable("a truncated CampaignEvent", truncated, everyCampaignEventsConsumer(TRUNCATED));
		run.unreadable("a schema id the registry does not know", unknownId, everyCampaignEventsConsumer(UNKNOWN_ID));
		run.unreadable("a DeliveryStatus under its own schema id (was skipped)", otherType,
				everyCampaignEventsConsumer(OTHER_TYPE));
		run.good("SENT (counts.total 1)", serialize(Topics.CAMPAIGN_EVENTS, sent), List.of(),
				"status-service serves the campaign's stats",
				() -> Awaitility.await(campaignId + " stats")
					.atMost(WAIT)
					.pollInterval(Duration.ofMillis(250))
					.until(() -> pipeline.statusApi(ACME).get("/api/v1/campaigns/" + campaignId + "/stats").status(),
							(status) -> status == 200));
		run.good("CANCELED", serialize(Topics.CAMPAIGN_EVENTS, canceled),
				List.of(CAMPAIGN_EVENTS_CAMPAIGN, CAMPAIGN_EVENTS_DISPATCH, CAMPAIGN_EVENTS_STATUS),
				"dispatch records the cancellation",
				() -> Awaitility.await(campaignId + " cancellation")
					.atMost(WAIT)
					.pollInterval(Duration.ofMillis(250))
					.until(() -> count(pipeline.dispatch(),
							"SELECT count(*) FROM campaign_cancellation WHERE campaign_id = ?", campaignId) > 0));
		return run.publish();
	}

	private static TopicRun optOuts() {
		String number = "+14155583401";
		String key = ACME.id() + ":" + number;
		TopicRun run = new TopicRun(Topics.OPT_OUTS, key);
		OptOutChange good = optOut(number);
		run.unreadable("random bytes", random(5), everyOptOutsConsumer(RANDOM));
		run.unreadable("a truncated OptOutChange", truncated(Topics.OPT_OUTS, good), everyOptOutsConsumer(TRUNCATED));
		run.unreadable("a schema id the registry does not know", unknownSchemaId(Topics.OPT_OUTS, good),
				everyOptOutsConsumer(UNKNOWN_ID));
		run.unreadable("a DeliveryStatus under its own schema id (stuck the partition behind the next dead letter)",
				otherType(Topics.OPT_OUTS), everyOptOutsConsumer(OTHER_TYPE));
		run.poison("an OptOutChange whose recipient is no number (its dead letter used to fail for ever)",
				serialize(Topics.OPT_OUTS,
						OptOutChange.newBuilder(optOut(number)).setRecipient("not-a-number").build()),
				deadLetter(OPT_OUTS_CAMPAIGN, "INVALID_OPT_OUT", "not-a-number"), new Expectation(OPT_OUTS_DISPATCH,
						Outcome.APPLIED, "kept as given (dispatch does not parse numbers)", () -> {
						}));
		run.poisonWithKey("a tombstone whose key is no <account>:<number>", "no-colon-here", null,
				deadLetter(OPT_OUTS_CAMPAIGN, "INVALID_OPT_OUT", "tombstone"),
				deadLetter(OPT_OUTS_DISPATCH, null, "tombstone"));
		run.good("an OPT_OUT", serialize(Topics.OPT_OUTS, good), List.of(OPT_OUTS_CAMPAIGN, OPT_OUTS_DISPATCH),
				"both services hold the opt-out", () -> {
					Awaitility.await(number + " opted out in campaign-service")
						.atMost(WAIT)
						.pollInterval(Duration.ofMillis(250))
						.until(() -> pipeline.campaignApi(ACME).get("/api/v1/opt-outs/" + number).status() == 200);
					Awaitility.await(number + " opted out in dispatch-service")
						.atMost(WAIT)
						.pollInterval(Duration.ofMillis(250))
						.until(() -> count(pipeline.dispatch(),
								"SELECT count(*) FROM opt_out WHERE account_id = 'acme' AND opted_out AND recipient = ?",
								number) > 0);
				});
		return run.publish();
	}

	// --- verification

	private static Stream<DynamicNode> verify(String topic) {
		TopicRun run = runs.get(topic);
		List<DynamicNode> nodes = new ArrayList<>();
		for (Poison poison : run.poisons) {
			for (Expectation expectation : poison.expectations()) {
				nodes.add(DynamicTest.dynamicTest(poison.name() + " → " + expectation.describe(),
						() -> verify(run, poison, expectation)));
			}
		}
		for (Good good : run.goods) {
			for (String group : good.groups()) {
				nodes.add(DynamicTest.dynamicTest("the good record after the poison → committed by " + group,
						() -> awaitCommitted(run, good, group)));
			}
			nodes.add(DynamicTest.dynamicTest(good.name() + " after the poison → " + good.effect(), () -> {
				good.check().run();
				report.record(category(topic), "good " + good.name() + " after the poison", topic, good.effect(),
						"yes");
			}));
		}
		return Stream.of(DynamicContainer.dynamicContainer(topic, nodes.stream()));
	}

	private static void verify(TopicRun run, Poison poison, Expectation expectation) {
		String entry = run.topic + " → " + expectation.group();
		String observed = "not seen";
		try {
			switch (expectation.outcome()) {
				case DEAD_LETTER -> {
					ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(run, poison, expectation.group());
					String message = header(dead, "kafka_dlt-exception-message");
					String reason = header(dead, "x-reason");
					String why = rootCause(message, header(dead, "kafka_dlt-exception-stacktrace"));
					observed = "DLT p" + dead.partition() + ((reason != null) ? " x-reason " + reason : "") + ": "
							+ why;
					assertThat(header(dead, "kafka_dlt-exception-fqcn")).as("exception class header").isNotBlank();
					assertThat(message).as("exception message header").isNotBlank();
					if (expectation.reason() != null) {
						assertThat(reason).as("x-reason").isEqualTo(expectation.reason());
					}
					if (expectation.detail() != null) {
						assertThat(message + "\n" + header(dead, "kafka_dlt-exception-stacktrace"))
							.contains(expectation.detail());
					}
					if (poison.value() != null && !poison.readable()) {
						assertThat(dead.value()).as("the original bytes").isEqualTo(poison.value());
					}
					assertThat(dead.partition()).as("same partition").isEqualTo(poison.partition());
				}
				case SKIPPED_LOGGED -> {
					ServiceProcess service = serviceOf(expectation.group());
					String line = Awaitility.await(expectation.detail() + " logged")
						.atMost(WAIT)
						.until(() -> service.logLines()
							.stream()
							.filter((candidate) -> candidate.contains(expectation.detail())
									&& candidate.contains(run.topic + "-" + poison.partition() + "@" + poison.offset()))
							.findFirst(), Optional::isPresent)
						.get();
					observed = "skipped, logged: "
							+ line.substring(Math.max(0, line.indexOf(expectation.detail()) - 60));
				}
				case APPLIED -> {
					expectation.check().run();
					observed = "processed: " + expectation.detail();
				}
			}
		}
		finally {
			report.record(category(run.topic), poison.name(), entry, expectation.describe(), observed);
		}
	}

	private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(TopicRun run, Poison poison, String group) {
		Predicate<ConsumerRecord<byte[], byte[]>> match = (dead) -> dead.topic().equals(Topics.deadLetter(run.topic))
				&& run.topic.equals(header(dead, "kafka_dlt-original-topic"))
				&& Objects.equals(intHeader(dead, "kafka_dlt-original-partition"), poison.partition())
				&& Objects.equals(longHeader(dead, "kafka_dlt-original-offset"), poison.offset())
				&& (header(dead, "kafka_dlt-original-consumer-group") == null
						|| group.equals(header(dead, "kafka_dlt-original-consumer-group")));
		return Awaitility.await("dead letter of " + run.topic + "@" + poison.offset() + " from " + group)
			.atMost(WAIT)
			.pollInterval(Duration.ZERO)
			.until(() -> {
				pollDeadLetters();
				return deadLettersSeen.stream().filter(match).findFirst();
			}, Optional::isPresent)
			.get();
	}

	private static synchronized void pollDeadLetters() {
		if (deadLetters.assignment().isEmpty()) {
			List<TopicPartition> partitions = Stream
				.of(Topics.CRM_SMS_REQUESTS, Topics.MESSAGE_REQUESTED, Topics.DELIVERY_STATUS, Topics.CAMPAIGN_EVENTS,
						Topics.OPT_OUTS)
				.map(Topics::deadLetter)
				.flatMap((topic) -> deadLetters.partitionsFor(topic, Duration.ofSeconds(10)).stream())
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			deadLetters.assign(partitions);
			deadLetters.seekToBeginning(partitions);
		}
		deadLetters.poll(Duration.ofMillis(200)).forEach(deadLettersSeen::add);
	}

	private static void awaitCommitted(TopicRun run, Good good, String group) {
		TopicPartition partition = new TopicPartition(run.topic, run.partition);
		String observed = "not committed";
		try {
			long committed = Awaitility.await(group + " commits past " + partition + "@" + good.offset())
				.atMost(WAIT)
				.pollInterval(Duration.ofMillis(250))
				.until(() -> committedOffset(group, partition), (offset) -> offset > good.offset());
			observed = "committed up to " + committed;
		}
		finally {
			report.record(category(run.topic), "good " + good.name() + " after the poison", run.topic + " → " + group,
					"offset committed past it", observed);
		}
	}

	private static long committedOffset(String group, TopicPartition partition)
			throws InterruptedException, ExecutionException {
		OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get()
			.get(partition);
		return (committed != null) ? committed.offset() : -1;
	}

	private static void awaitCarrier(String to, String body) {
		Awaitility.await(to + " at the carrier")
			.atMost(WAIT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> pipeline.carrier()
				.receivedMessages()
				.stream()
				.anyMatch((received) -> received.to().equals(to) && received.body().equals(body)));
	}

	/** The first status published for a CRM request, found by its event id. */
	private static DeliveryStatus firstStatusOf(String eventId) {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		try (KafkaConsumer<byte[], byte[]> statuses = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer()); AvroDeserializer<Object> reader = new AvroDeserializer<>()) {
			reader.configure(Map.of("schema.registry.url", infrastructure.schemaRegistryUrl()), false);
			List<TopicPartition> partitions = statuses.partitionsFor(Topics.DELIVERY_STATUS, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			statuses.assign(partitions);
			statuses.seekToBeginning(partitions);
			return Awaitility.await("the first status of " + eventId).atMost(WAIT).until(() -> {
				for (ConsumerRecord<byte[], byte[]> record : statuses.poll(Duration.ofMillis(200))) {
					Object value;
					try {
						value = reader.deserialize(record.topic(), record.value());
					}
					catch (RuntimeException ex) {
						continue; // this test's own poison
					}
					if (value instanceof DeliveryStatus status && status.getAttributes() != null
							&& eventId.equals(String.valueOf(status.getAttributes().get("idempotencyKey")))) {
						return Optional.of(status);
					}
				}
				return Optional.<DeliveryStatus>empty();
			}, Optional::isPresent).get();
		}
	}

	private static long count(ServiceProcess service, String sql, String parameter) {
		try (Connection connection = DriverManager.getConnection(pipeline.jdbcUrl(service));
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ServiceProcess serviceOf(String group) {
		if (group.startsWith("campaign-service")) {
			return pipeline.campaign();
		}
		return group.startsWith("dispatch-service") ? pipeline.dispatch() : pipeline.status();
	}

	private static String category(String topic) {
		return "kafka " + topic;
	}

	/**
	 * The reason a person reads: the first "Caused by" of the stack trace header (an
	 * {@code ErrorHandlingDeserializer} failure's own message is only "failed to
	 * deserialize", a listener's is "Listener method ... threw exception"), else the
	 * message header.
	 */
	private static String rootCause(String message, String stackTrace) {
		if (stackTrace == null) {
			return message;
		}
		List<String> causes = stackTrace.lines().filter((line) -> line.startsWith("Caused by: ")).toList();
		return causes.isEmpty() ? message : causes.get(0).substring("Caused by: ".length());
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static Integer intHeader(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value().length == 4) ? ByteBuffer.wrap(header.value()).getInt() : null;
	}

	private static Long longHeader(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value().length == 8) ? ByteBuffer.wrap(header.value()).getLong() : null;
	}

	// --- poison and good records

	private static Expectation[] everyCampaignEventsConsumer(String detail) {
		return new Expectation[] { deadLetter(CAMPAIGN_EVENTS_CAMPAIGN, "UNREADABLE", detail),
				deadLetter(CAMPAIGN_EVENTS_DISPATCH, null, detail), deadLetter(CAMPAIGN_EVENTS_STATUS, null, detail) };
	}

	private static Expectation[] everyOptOutsConsumer(String detail) {
		return new Expectation[] { deadLetter(OPT_OUTS_CAMPAIGN, "UNREADABLE", detail),
				deadLetter(OPT_OUTS_DISPATCH, null, detail) };
	}

	private static Expectation deadLetter(String group, String reason, String detail) {
		return new Expectation(group, Outcome.DEAD_LETTER, reason, detail);
	}

	private static Expectation skipped(String group, String logged) {
		return new Expectation(group, Outcome.SKIPPED_LOGGED, null, logged);
	}

	/** Bytes no serializer wrote: the first is not the wire format's magic byte. */
	private static byte[] random(long seed) {
		byte[] bytes = new byte[64];
		new Random(seed).nextBytes(bytes);
		bytes[0] = 0x42;
		return bytes;
	}

	/** The wire format's header and the first half of a record's Avro payload. */
	private static byte[] truncated(String topic, SpecificRecord record) {
		byte[] whole = serialize(topic, record);
		return Arrays.copyOf(whole, 5 + (whole.length - 5) / 3);
	}

	/** A record's payload under a schema id the registry never gave out. */
	private static byte[] unknownSchemaId(String topic, SpecificRecord record) {
		byte[] bytes = serialize(topic, record);
		ByteBuffer.wrap(bytes, 1, 4).putInt(1_999_999_999);
		return bytes;
	}

	/**
	 * A valid record of another topic's type, under the schema id its own subject gave it
	 * (the registry would refuse that schema under this topic's subject).
	 */
	private static byte[] otherType(String topic) {
		return serialize(Topics.DELIVERY_STATUS, deliveryStatus(UUID.randomUUID().toString(), "+14155583999"));
	}

	private static byte[] serialize(String topic, SpecificRecord record) {
		return avro.serialize(topic, record);
	}

	private static byte[] serialize(String topic, CrmSmsRequest.Builder record) {
		return serialize(topic, record.build());
	}

	private static CrmSmsRequest crm(String recipient, String body) {
		return crmBuilder(recipient, body).build();
	}

	private static CrmSmsRequest.Builder crmBuilder(String recipient, String body) {
		return CrmSmsRequest.newBuilder()
			.setEventId("evt-" + UUID.randomUUID())
			.setAccountId(ACME.id())
			.setRecipient(recipient)
			.setBody(body);
	}

	private static MessageRequested messageRequested(String recipient, String body) {
		Instant now = Instant.now();
		return MessageRequested.newBuilder()
			.setMessageId(UUID.randomUUID().toString())
			.setAccountId(ACME.id())
			.setRecipient(recipient)
			.setSender("+15005550006")
			.setBody(body)
			.setRequestedAt(now)
			.setExpiresAt(now.plus(Duration.ofHours(1)))
			.setSource(RequestSource.REST_API)
			.build();
	}

	private static DeliveryStatus deliveryStatus(String messageId, String recipient) {
		return DeliveryStatus.newBuilder()
			.setEventId(messageId + ":REQUESTED")
			.setMessageId(messageId)
			.setAccountId(ACME.id())
			.setRecipient(recipient)
			.setSender("+15005550006")
			.setStatus(MessageStatus.REQUESTED)
			.setOccurredAt(Instant.now())
			.setSource(StatusSource.CAMPAIGN)
			.setAttributes(Map.of())
			.build();
	}

	private static CampaignEvent campaignEvent(String campaignId, CampaignStatus status, Map<String, Long> counts) {
		return CampaignEvent.newBuilder()
			.setEventId(campaignId + ":" + status + ":" + UUID.randomUUID())
			.setCampaignId(campaignId)
			.setAccountId(ACME.id())
			.setType(CampaignEventType.STATUS_CHANGED)
			.setStatus(status)
			.setCounts(counts)
			.setOccurredAt(Instant.now())
			.build();
	}

	private static OptOutChange optOut(String number) {
		return OptOutChange.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setAccountId(ACME.id())
			.setRecipient(number)
			.setAction(OptOutAction.OPT_OUT)
			.setSource(OptOutSource.API)
			.setOccurredAt(Instant.now())
			.build();
	}

	/** What becomes of one poison record in one consumer group. */
	private enum Outcome {

		DEAD_LETTER, SKIPPED_LOGGED, APPLIED

	}

	private record Expectation(String group, Outcome outcome, String reason, String detail, Runnable check) {

		Expectation(String group, Outcome outcome, String reason, String detail) {
			this(group, outcome, reason, detail, () -> {
			});
		}

		Expectation(String group, Outcome outcome, String detail, Runnable check) {
			this(group, outcome, null, detail, check);
		}

		String describe() {
			return switch (this.outcome) {
				case DEAD_LETTER -> "DLT by " + this.group + ((this.reason != null) ? " x-reason " + this.reason : "")
						+ ((this.detail != null) ? " '" + this.detail + "'" : "");
				case SKIPPED_LOGGED -> "skipped by " + this.group + ", logged '" + this.detail + "'";
				case APPLIED -> "processed by " + this.group + ": " + this.detail;
			};
		}

	}

	private record Poison(String name, byte[] value, boolean readable, int partition, long offset,
			List<Expectation> expectations) {
	}

	private record Good(String name, long offset, List<String> groups, String effect, Runnable check) {
	}

	/** One topic's records, all on the partition of its key, poison first. */
	private static final class TopicRun {

		private final String topic;

		private final String key;

		private final int partition;

		private final List<Object[]> pending = new ArrayList<>();

		private final List<Poison> poisons = new ArrayList<>();

		private final List<Good> goods = new ArrayList<>();

		TopicRun(String topic, String key) {
			this.topic = topic;
			this.key = key;
			int partitions = producer.partitionsFor(topic).size();
			this.partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
		}

		/**
		 * A record no deserializer reads: its dead letter holds its bytes as they were.
		 */
		void unreadable(String name, byte[] value, Expectation... expectations) {
			this.pending.add(new Object[] { "poison", name, this.key, value, List.of(expectations), false });
		}

		/** A record that reads, but as something its consumers cannot act on. */
		void poison(String name, byte[] value, Expectation... expectations) {
			poisonWithKey(name, this.key, value, expectations);
		}

		void poisonWithKey(String name, String key, byte[] value, Expectation... expectations) {
			this.pending.add(new Object[] { "poison", name, key, value, List.of(expectations), true });
		}

		void good(String name, byte[] value, List<String> groups, String effect, Runnable check) {
			this.pending.add(new Object[] { "good", name, this.key, value, groups, effect, check });
		}

		@SuppressWarnings("unchecked")
		TopicRun publish() {
			for (Object[] record : this.pending) {
				String name = (String) record[1];
				byte[] value = (byte[]) record[3];
				RecordMetadata sent = send((String) record[2], value);
				if ("poison".equals(record[0])) {
					this.poisons.add(new Poison(name, value, (Boolean) record[5], sent.partition(), sent.offset(),
							(List<Expectation>) record[4]));
				}
				else {
					this.goods.add(new Good(name, sent.offset(), (List<String>) record[4], (String) record[5],
							(Runnable) record[6]));
				}
			}
			return this;
		}

		private RecordMetadata send(String key, byte[] value) {
			try {
				return producer.send(new ProducerRecord<>(this.topic, this.partition, key, value)).get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("Cannot publish to " + this.topic, ex.getCause());
			}
		}

	}

}
