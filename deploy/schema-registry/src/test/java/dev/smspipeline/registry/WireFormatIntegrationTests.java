package dev.smspipeline.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.registry.RestSchemaRegistryClient;
import dev.smspipeline.schemas.serde.AvroDeserializer;
import dev.smspipeline.schemas.serde.AvroSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What docs/contracts.md promises of every topic: a consumer that knows nothing of the
 * project, only the registry URL, reads what the project's serializer produced.
 */
class WireFormatIntegrationTests {

	private static final Instant REQUESTED_AT = Instant.ofEpochMilli(1_760_000_000_123L);

	private static EmbeddedKafkaKraftBroker broker;

	private static EmbeddedSchemaRegistry registry;

	@BeforeAll
	static void start() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.MESSAGE_REQUESTED);
		broker.afterPropertiesSet();
		registry = EmbeddedSchemaRegistry.start(broker.getBrokersAsString(), 0);
	}

	@AfterAll
	static void stop() {
		registry.close();
		broker.destroy();
	}

	@Test
	void aPlainConsumerWithOnlyTheRegistryUrlReadsWhatTheSerializerProduced() throws IOException {
		produce(message("msg-plain"));

		byte[] value = readAll().stream()
			.filter((record) -> new String(record.key(), StandardCharsets.UTF_8).equals("+14155550100:msg-plain"))
			.findFirst()
			.orElseThrow()
			.value();

		ByteBuffer header = ByteBuffer.wrap(value, 0, 5);
		assertThat(header.get()).isZero();
		Schema writer = new RestSchemaRegistryClient(registry.url()).getById(header.getInt());
		GenericRecord read = new GenericDatumReader<GenericRecord>(writer).read(null,
				DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
		assertThat(read.get("messageId")).hasToString("msg-plain");
		assertThat(read.get("recipient")).hasToString("+14155550100");
		assertThat(read.get("body")).hasToString("Your code is 1234");
		assertThat(read.get("segments")).isEqualTo(1);
		assertThat(read.get("requestedAt")).isEqualTo(REQUESTED_AT.toEpochMilli());
		assertThat(read.get("source")).hasToString("REST_API");
		assertThat(read.get("attributes")).hasToString("{leadId=lead-7}");
	}

	@Test
	void theProjectsDeserializerReadsWhatItsSerializerProducedThroughTheRegistry() {
		MessageRequested sent = message("msg-specific");
		produce(sent);

		AvroDeserializer<MessageRequested> deserializer = new AvroDeserializer<>(
				new RestSchemaRegistryClient(registry.url()), MessageRequested.class);
		List<MessageRequested> read = readAll().stream()
			.map((record) -> deserializer.deserialize(record.topic(), record.value()))
			.toList();

		assertThat(read).contains(sent);
	}

	private static MessageRequested message(String id) {
		return MessageRequested.newBuilder()
			.setMessageId(id)
			.setAccountId("acct-1")
			.setRecipient("+14155550100")
			.setBody("Your code is 1234")
			.setRequestedAt(REQUESTED_AT)
			.setSource(RequestSource.REST_API)
			.setAttributes(Map.of("leadId", "lead-7"))
			.build();
	}

	private static void produce(MessageRequested message) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		try (KafkaProducer<String, MessageRequested> producer = new KafkaProducer<>(config, new StringSerializer(),
				new AvroSerializer<>(new RestSchemaRegistryClient(registry.url())))) {
			producer
				.send(new ProducerRecord<>(Topics.MESSAGE_REQUESTED,
						message.getRecipient() + ":" + message.getMessageId(), message))
				.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot produce " + message.getMessageId(), ex);
		}
	}

	/** Every record of the topic, as a consumer that knows nothing of Avro sees it. */
	private static List<ConsumerRecord<byte[], byte[]>> readAll() {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(Topics.MESSAGE_REQUESTED, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return consumer.position(partition) >= end;
			});
			return records;
		}
	}

}
