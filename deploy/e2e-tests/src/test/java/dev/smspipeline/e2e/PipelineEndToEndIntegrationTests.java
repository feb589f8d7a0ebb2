package dev.smspipeline.e2e;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.registry.RestSchemaRegistryClient;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text sent through the public API travels campaign → Kafka → dispatch → carrier →
 * signed callback → status → store, across real processes.
 */
@ExtendWith(Pipeline.Extension.class)
class PipelineEndToEndIntegrationTests {

	private static CarrierSimulator carrier;

	private static ApiClient campaignApi;

	private static ApiClient statusApi;

	@BeforeAll
	static void usePipeline(Pipeline pipeline) {
		carrier = pipeline.carrier();
		campaignApi = pipeline.campaignApi(TestAccount.ACME);
		statusApi = pipeline.statusApi(TestAccount.ACME);
	}

	@Test
	void deliversATextSentThroughTheApi() {
		String messageId = send("+14155550142", "Your order has shipped");

		ApiResponse message = awaitStatus(messageId, "DELIVERED");

		assertThat(message.<String>json("$.recipient")).isEqualTo("+14155550142");
		assertThat(message.<List<String>>json("$.history[*].status")).contains("REQUESTED", "QUEUED", "SUBMITTED",
				"DELIVERED");
		assertThat(carrier.receivedMessages()).filteredOn((received) -> received.to().equals("+14155550142"))
			.singleElement()
			.satisfies((received) -> assertThat(received.body()).isEqualTo("Your order has shipped"));
	}

	@Test
	void reportsALandlineAsFailedWithTheCarriersCodeAndReason() {
		String messageId = send("+14152010001", "Hello landline");

		ApiResponse message = awaitStatus(messageId, "FAILED");

		assertThat(message.<String>json("$.carrierErrorCode")).isEqualTo("21614");
		assertThat(message.<String>json("$.carrierErrorDescription")).isNotBlank();
	}

	@Test
	void reportsAnUnknownCarrierErrorAsUndelivered() {
		String messageId = send("+14152040001", "Hello 30008");

		ApiResponse message = awaitStatus(messageId, "UNDELIVERED");

		assertThat(message.<String>json("$.carrierErrorCode")).isEqualTo("30008");
		assertThat(message.<String>json("$.carrierErrorDescription")).isNotBlank();
	}

	@Test
	void publishesStatusesAnyClientDecodesWithOnlyTheBrokerAndRegistryUrl() {
		String messageId = send("+14155550143", "Readable by anyone");
		awaitStatus(messageId, "DELIVERED");

		TestInfrastructure infrastructure = TestInfrastructure.shared();
		RestSchemaRegistryClient registry = new RestSchemaRegistryClient(infrastructure.schemaRegistryUrl());
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "plain-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERY_STATUS)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<String> statuses = new java.util.ArrayList<>();
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					// Keyed by message id; other tests put poison on this topic too.
					if (record.key() != null
							&& messageId.equals(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8))) {
						GenericRecord value = decode(registry, record.value());
						assertThat(value.get("messageId")).hasToString(messageId);
						statuses.add(value.get("status").toString());
					}
				}
				return statuses.contains("DELIVERED");
			});
			assertThat(statuses).contains("REQUESTED", "SUBMITTED", "DELIVERED");
		}
	}

	@Test
	void closesACampaignAsDoneWithEveryTextCountedOnce() {
		List<String> phones = new java.util.ArrayList<>();
		for (int i = 0; i < 27; i++) {
			phones.add(String.format("+1415556%04d", i));
		}
		phones.addAll(List.of("+14152010002", "+14152040002", "+14152050002"));
		String recipients = phones.stream()
			.map((phone) -> "{\"phone\": \"" + phone + "\", \"attributes\": {\"firstName\": \"Lead\"}}")
			.collect(java.util.stream.Collectors.joining(","));
		ApiResponse created = campaignApi.postJson("/api/v1/campaigns", """
				{"name": "e2e", "body": "Hi {{firstName}}, spring sale today", "quietHours": {"enabled": false},
				 "recipients": [%s]}""".formatted(recipients));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String campaignId = created.json("$.id");
		assertThat(campaignApi.postJson("/api/v1/campaigns/" + campaignId + "/activate", "").status()).isEqualTo(200);

		Awaitility.await("campaign " + campaignId + " DONE")
			.atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> campaignApi.get("/api/v1/campaigns/" + campaignId),
					(response) -> "DONE".equals(response.json("$.status")));

		ApiResponse stats = statusApi.get("/api/v1/campaigns/" + campaignId + "/stats");
		assertThat(stats.<Integer>json("$.counts.total")).isEqualTo(30);
		assertThat(stats.<Integer>json("$.counts.delivered")).isEqualTo(27);
		assertThat(stats.<Integer>json("$.counts.error")).isEqualTo(2);
		assertThat(stats.<Integer>json("$.counts.deliveryUnknown")).isEqualTo(1);
		assertThat(carrier.receivedMessages()).filteredOn((received) -> phones.contains(received.to()))
			.filteredOn((received) -> received.outcome() == dev.smspipeline.simulator.messages.Outcome.ACCEPTED)
			.extracting(dev.smspipeline.simulator.messages.ReceivedMessage::to)
			.doesNotHaveDuplicates();
	}

	@Test
	void neverTextsALeadAgainAfterTheyRepliedStop() {
		String lead = "+14155550177";
		awaitStatus(send(lead, "Welcome aboard"), "DELIVERED");

		ApiResponse reply = ApiClient.anonymous(carrier.baseUrl()).postJson("/sim/inbound", """
				{"From": "%s", "To": "+15005550006", "Body": "STOP"}""".formatted(lead));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);

		java.util.concurrent.atomic.AtomicInteger attempt = new java.util.concurrent.atomic.AtomicInteger();
		ApiResponse refused = Awaitility.await("the STOP reaches campaign-service")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> campaignApi.postJson("/api/v1/messages",
					"{\"recipient\": \"" + lead + "\", \"body\": \"Offer " + attempt.incrementAndGet() + "\"}"),
					(response) -> "REJECTED".equals(response.json("$.status")));
		assertThat(refused.<String>json("$.reasonCode")).isEqualTo("OPTED_OUT");
		ApiResponse rejected = awaitStatus(refused.json("$.messageId"), "REJECTED");
		assertThat(rejected.<String>json("$.reasonCode")).isEqualTo("OPTED_OUT");
	}

	private static GenericRecord decode(RestSchemaRegistryClient registry, byte[] bytes) throws Exception {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		assertThat(buffer.get()).as("Confluent magic byte").isZero();
		Schema writer = registry.getById(buffer.getInt());
		return new GenericDatumReader<GenericRecord>(writer).read(null,
				DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
	}

	private static String send(String recipient, String body) {
		ApiResponse response = campaignApi.postJson("/api/v1/messages",
				"{\"recipient\": \"" + recipient + "\", \"body\": \"" + body + "\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		return response.json("$.messageId");
	}

	private static ApiResponse awaitStatus(String messageId, String status) {
		return Awaitility.await(messageId + " " + status)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> statusApi.get("/api/v1/messages/" + messageId),
					(response) -> response.status() == 200 && status.equals(response.json("$.status")));
	}

}
