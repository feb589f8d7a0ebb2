package dev.smspipeline.dispatch.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.KafkaHeaders;

import dev.smspipeline.dispatch.CarrierLog;
import dev.smspipeline.dispatch.DispatchIntegrationTest;
import dev.smspipeline.dispatch.MessageRequests;
import dev.smspipeline.dispatch.SimulatedCarrier;
import dev.smspipeline.dispatch.TextStatuses;
import dev.smspipeline.dispatch.submission.SubmissionFlow;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroDeserializer;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.times;

/**
 * The listener's Kafka contract: offsets committed only up to the first unfinished
 * record, and records that cannot be read or processed dead-lettered without stopping the
 * partition. The submission flow is a spy, to make one text's processing fail.
 */
@DispatchIntegrationTest
class MessageRequestListenerIntegrationTests {

	private static final int PARTITIONS = 6;

	private static final CarrierSimulator carrier = SimulatedCarrier.shared();

	@RegisterExtension
	static final MessageRequests requests = MessageRequests.open();

	@RegisterExtension
	static final TopicProbe<DeliveryStatus> statuses = TopicProbe.of(Topics.DELIVERY_STATUS);

	@RegisterExtension
	static final TopicProbe<byte[]> deadLetters = TopicProbe.ofBytes(Topics.deadLetter(Topics.MESSAGE_REQUESTED));

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	SubmissionFlow flow;

	@Test
	void commitsOffsetsOnlyUpToTheFirstUnfinishedRecord() throws Exception {
		// The first create to a +1415207 number gets a 429 with Retry-After: 3, so that
		// text
		// stays unfinished for three seconds while a later text of its partition goes.
		// +14152076xxx: no other class of this JVM texts those, and this one must be the
		// carrier's first to it.
		String held = onPartition("+14152076", 0);
		String free = onPartition("+1415555", MessageRequests.partitionOf(held, PARTITIONS));
		MessageRequested first = MessageRequests.to(held);
		MessageRequested second = MessageRequests.to(free);

		RecordMetadata firstSent = requests.send(first);
		RecordMetadata secondSent = requests.send(second);

		statuses.await(TextStatuses.of(second, MessageStatus.SUBMITTED));
		TopicPartition partition = new TopicPartition(firstSent.topic(), firstSent.partition());
		assertThat(secondSent.partition()).isEqualTo(firstSent.partition());
		assertThat(committed(partition)).isLessThanOrEqualTo(firstSent.offset());
		statuses.await(TextStatuses.of(first, MessageStatus.SUBMITTED));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(committed(partition)).isGreaterThan(secondSent.offset()));
	}

	@Test
	void holdsNoTransactionOpenOnTheStatusTopic() {
		MessageRequested request = MessageRequests.to("+14155550205");

		requests.send(request);

		// read_committed probe: visible as soon as the broker has it
		statuses.await(TextStatuses.of(request, MessageStatus.SUBMITTED));
		assertThat(this.listeners.getListenerContainer(MessageRequestListener.ID)
			.getContainerProperties()
			.getKafkaAwareTransactionManager()).isNull();
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
	void deadLettersARecordWithoutABody() {
		MessageRequested request = MessageRequests.to("+14155550206");
		request.setBody("");

		RecordMetadata sent = requests.send(request);

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(
				(record) -> request.getRecipient().equals(record.key()) && originalOffset(record) == sent.offset());
		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("body is required");
		assertThat(readAvro(dead.value()).getMessageId()).isEqualTo(request.getMessageId());
	}

	@Test
	void deadLettersATextWhoseProcessingKeepsFailingAfterItsAttempts() {
		MessageRequested request = MessageRequests.to("+14155550204");
		willThrow(new IllegalStateException("database unavailable")).given(this.flow)
			.attempt(argThat((candidate) -> candidate.request().getMessageId().equals(request.getMessageId())));

		RecordMetadata sent = requests.send(request);

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(
				(record) -> request.getRecipient().equals(record.key()) && originalOffset(record) == sent.offset());
		assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).contains("database unavailable");
		assertThat(readAvro(dead.value()).getMessageId()).isEqualTo(request.getMessageId());
		then(this.flow).should(times(3))
			.attempt(argThat((candidate) -> candidate.request().getMessageId().equals(request.getMessageId())));
	}

	@Test
	void endsATextDeadLetteredForProcessingFailureAsFailedAndGoesOnWithItsNumber() {
		MessageRequested failing = MessageRequests.to("+14155550208");
		MessageRequested next = MessageRequests.to(failing.getRecipient());
		willThrow(new IllegalStateException("flow broke for this text")).given(this.flow)
			.attempt(argThat((candidate) -> candidate.request().getMessageId().equals(failing.getMessageId())));

		RecordMetadata sent = requests.send(failing);
		requests.send(next);

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(
				(record) -> failing.getRecipient().equals(record.key()) && originalOffset(record) == sent.offset());
		assertThat(readAvro(dead.value()).getMessageId()).isEqualTo(failing.getMessageId());
		DeliveryStatus failed = statuses.await(TextStatuses.of(failing, MessageStatus.FAILED));
		assertThat(failed.getReasonCode()).isEqualTo(SubmissionFlow.PROCESSING_FAILED);
		assertThat(failed.getCarrierErrorDescription()).isEqualTo("flow broke for this text");
		assertThat(failed.getEventId()).isEqualTo(failing.getMessageId() + ":FAILED:PROCESSING_FAILED");
		assertThat(failed.getAccountId()).isEqualTo(failing.getAccountId());
		statuses.await(TextStatuses.of(next, MessageStatus.SUBMITTED));
		assertThat(CarrierLog.of(carrier).createsFor(List.of(failing))).isEmpty();

		// recorded like any outcome: the same request again republishes it, nobody called
		Mockito.reset(this.flow);
		requests.send(failing);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> statuses.values(TextStatuses.of(failing, MessageStatus.FAILED)).size() >= 2);
		assertThat(statuses.values(TextStatuses.of(failing, MessageStatus.FAILED)))
			.extracting(DeliveryStatus::getEventId)
			.containsOnly(failed.getEventId());
		assertThat(CarrierLog.of(carrier).createsFor(List.of(failing))).isEmpty();
	}

	@Test
	void keepsProcessingTheNumbersTextsAfterAnUnreadableRecord() {
		MessageRequested request = MessageRequests.to("+14155550203");

		requests.sendRaw(request.getRecipient(), ("garbage " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
		requests.send(request);

		statuses.await(TextStatuses.of(request, MessageStatus.SUBMITTED));
	}

	/**
	 * A North American number starting with {@code prefix} on the given partition, to
	 * which the carrier has had no create yet.
	 */
	private static String onPartition(String prefix, int partition) {
		int digits = 12 - prefix.length();
		int numbers = (int) Math.pow(10, digits);
		int start = ThreadLocalRandom.current().nextInt(numbers);
		for (int i = 0; i < numbers; i++) {
			String candidate = prefix + String.format("%0" + digits + "d", (start + i) % numbers);
			if (MessageRequests.partitionOf(candidate, PARTITIONS) == partition
					&& SimulatedCarrier.unused(carrier, candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException("No " + prefix + " number on partition " + partition);
	}

	private static long committed(TopicPartition partition) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.shared().kafkaBootstrapServers()))) {
			OffsetAndMetadata committed = admin.listConsumerGroupOffsets(MessageRequestListener.GROUP)
				.partitionsToOffsetAndMetadata()
				.get()
				.get(partition);
			return (committed != null) ? committed.offset() : -1;
		}
	}

	private static ConsumerRecord<String, byte[]> awaitDeadLetter(Predicate<ConsumerRecord<String, byte[]>> match) {
		return deadLetters.awaitRecord(match);
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
