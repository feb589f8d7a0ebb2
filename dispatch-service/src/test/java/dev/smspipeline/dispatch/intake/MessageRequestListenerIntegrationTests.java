package dev.smspipeline.dispatch.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import dev.smspipeline.dispatch.MessageRequests;
import dev.smspipeline.dispatch.SimulatedCarrier;
import dev.smspipeline.dispatch.submission.SubmissionFlow;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroDeserializer;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.times;

/**
 * The listener's Kafka contract: offsets committed in the transaction of the statuses,
 * and records that cannot be read or processed dead-lettered without stopping the
 * partition. The submission flow is a spy, to make one text's processing fail.
 */
@ServiceIntegrationTest
@DirtiesContext
class MessageRequestListenerIntegrationTests {

	private static final CarrierSimulator carrier = SimulatedCarrier.start();

	private static MessageRequests requests;

	private static TopicProbe<DeliveryStatus> statuses;

	private static KafkaConsumer<String, byte[]> deadLetters;

	private static final List<ConsumerRecord<String, byte[]>> deadLettersSeen = new ArrayList<>();

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@MockitoSpyBean
	SubmissionFlow flow;

	@DynamicPropertySource
	static void carrierProperties(DynamicPropertyRegistry registry) {
		SimulatedCarrier.register(registry, carrier);
	}

	@BeforeAll
	static void open() {
		requests = MessageRequests.open();
		statuses = TopicProbe.of(Topics.DELIVERY_STATUS);
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-probe-" + UUID.randomUUID());
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		deadLetters = new KafkaConsumer<>(properties);
	}

	@AfterAll
	static void close() {
		requests.close();
		statuses.close();
		deadLetters.close(Duration.ofSeconds(1));
		carrier.close();
	}

	@Test
	void processesEachRecordInAKafkaTransaction() {
		assertThat(this.listeners.getListenerContainer(MessageRequestListener.ID)
			.getContainerProperties()
			.getKafkaAwareTransactionManager()).isInstanceOf(KafkaTransactionManager.class);
	}

	@Test
	void commitsTheConsumedOffsetWithTheStatusRecords() throws Exception {
		MessageRequested request = MessageRequests.to("+14155550201");

		RecordMetadata sent = requests.send(request);

		statuses.await((status) -> status.getMessageId().equals(request.getMessageId())
				&& status.getStatus() == MessageStatus.SUBMITTED);
		TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.shared().kafkaBootstrapServers()))) {
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				OffsetAndMetadata committed = admin.listConsumerGroupOffsets(MessageRequestListener.GROUP)
					.partitionsToOffsetAndMetadata()
					.get()
					.get(partition);
				assertThat(committed).isNotNull();
				assertThat(committed.offset()).isGreaterThan(sent.offset());
			});
		}
	}

	@Test
	void deadLettersAnUnreadableRecordWithItsBytesAndTheException() {
		byte[] garbage = ("not avro " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

		RecordMetadata sent = requests.sendRaw("+14155550202", garbage);

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter((record) -> Arrays.equals(record.value(), garbage));
		assertThat(dead.key()).isEqualTo("+14155550202");
		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN))
			.isEqualTo("org.springframework.kafka.support.serializer.DeserializationException");
		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).contains("Unknown magic byte");
		assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.MESSAGE_REQUESTED);
		assertThat(originalOffset(dead)).isEqualTo(sent.offset());
	}

	@Test
	void deadLettersATextWhoseProcessingKeepsFailingAfterItsAttempts() {
		MessageRequested request = MessageRequests.to("+14155550204");
		willThrow(new IllegalStateException("database unavailable")).given(this.flow)
			.dispatch(argThat((candidate) -> candidate.getMessageId().equals(request.getMessageId())));

		RecordMetadata sent = requests.send(request);

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(
				(record) -> request.getRecipient().equals(record.key()) && originalOffset(record) == sent.offset());
		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).contains("database unavailable");
		assertThat(readAvro(dead.value()).getMessageId()).isEqualTo(request.getMessageId());
		then(this.flow).should(times(3))
			.dispatch(argThat((candidate) -> candidate.getMessageId().equals(request.getMessageId())));
	}

	@Test
	void keepsProcessingTheNumbersTextsAfterAnUnreadableRecord() {
		MessageRequested request = MessageRequests.to("+14155550203");

		requests.sendRaw(request.getRecipient(), ("garbage " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
		requests.send(request);

		statuses.await((status) -> status.getMessageId().equals(request.getMessageId())
				&& status.getStatus() == MessageStatus.SUBMITTED);
	}

	private static ConsumerRecord<String, byte[]> awaitDeadLetter(Predicate<ConsumerRecord<String, byte[]>> match) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ZERO)
			.until(() -> pollDeadLetters(match), Optional::isPresent)
			.get();
	}

	private static Optional<ConsumerRecord<String, byte[]>> pollDeadLetters(
			Predicate<ConsumerRecord<String, byte[]>> match) {
		if (deadLetters.assignment().isEmpty()) {
			List<TopicPartition> partitions = deadLetters
				.partitionsFor(Topics.deadLetter(Topics.MESSAGE_REQUESTED), Duration.ofSeconds(5))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			deadLetters.assign(partitions);
			deadLetters.seekToBeginning(partitions);
		}
		deadLetters.poll(Duration.ofMillis(200)).forEach(deadLettersSeen::add);
		return deadLettersSeen.stream().filter(match).findFirst();
	}

	private static long originalOffset(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET);
		return (header != null) ? ByteBuffer.wrap(header.value()).getLong() : -1;
	}

	private static MessageRequested readAvro(byte[] value) {
		try (AvroDeserializer<MessageRequested> deserializer = new AvroDeserializer<>()) {
			deserializer.configure(Map.of("schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl()),
					false);
			return deserializer.deserialize(Topics.deadLetter(Topics.MESSAGE_REQUESTED), value);
		}
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
