package dev.smspipeline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.registry.RestSchemaRegistryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AvroDeserializerTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

	static List<SampleEvents.Sample> samples() {
		return SampleEvents.all();
	}

	@ParameterizedTest
	@MethodSource("samples")
	void readsBackEveryContractTheSerializerWrote(SampleEvents.Sample sample) {
		byte[] bytes = new AvroSerializer<SpecificRecord>(this.registry).serialize(sample.topic(), sample.record());

		Object read = new AvroDeserializer<>(this.registry).deserialize(sample.topic(), bytes);

		assertThat(read).isEqualTo(sample.record());
	}

	@Test
	void readsIntoTheGivenClassWhateverTheWriterSchemaIsCalled() {
		Schema writer = edit(MessageRequested.getClassSchema(), (json) -> json.put("namespace", "com.example.crm"));
		int id = this.registry.register("anything", writer);

		MessageRequested read = new AvroDeserializer<>(this.registry, MessageRequested.class)
			.deserialize(Topics.MESSAGE_REQUESTED, framed(id, oldMessageRequested(writer)));

		assertThat(read.getMessageId()).isEqualTo("msg-old");
	}

	@Test
	void namesTheWriterSchemaWhenNoGeneratedClassMatchesIt() {
		Schema writer = edit(MessageRequested.getClassSchema(), (json) -> json.put("namespace", "com.example.crm"));
		int id = this.registry.register("anything", writer);
		byte[] bytes = framed(id, oldMessageRequested(writer));

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> new AvroDeserializer<>(this.registry).deserialize(Topics.MESSAGE_REQUESTED, bytes))
			.withMessageContaining("com.example.crm.MessageRequested")
			.withMessageContaining(AvroSerdeConfig.VALUE_TYPE);
	}

	@Test
	void fillsDefaultsForFieldsAnOlderWriterDidNotHave() {
		Schema older = edit(MessageRequested.getClassSchema(),
				(json) -> removeFields(json, "segments", "idempotencyKey", "source", "attributes"));
		int id = this.registry.register("sms.message-requested-value", older);

		MessageRequested read = new AvroDeserializer<MessageRequested>(this.registry)
			.deserialize(Topics.MESSAGE_REQUESTED, framed(id, oldMessageRequested(older)));

		assertThat(read.getMessageId()).isEqualTo("msg-old");
		assertThat(read.getRequestedAt()).isEqualTo(SampleEvents.NOW);
		assertThat(read.getSegments()).isEqualTo(1);
		assertThat(read.getIdempotencyKey()).isNull();
		assertThat(read.getSource()).isEqualTo(RequestSource.UNKNOWN);
		assertThat(read.getAttributes()).isEmpty();
	}

	@Test
	void decodesBytesWrittenByAnotherWriterWithAKnownSchema() {
		MessageRequested expected = SampleEvents.messageRequested();
		GenericRecord written = new GenericRecordBuilder(MessageRequested.getClassSchema())
			.set("messageId", expected.getMessageId())
			.set("accountId", expected.getAccountId())
			.set("campaignId", expected.getCampaignId())
			.set("recipient", expected.getRecipient())
			.set("sender", expected.getSender())
			.set("body", expected.getBody())
			.set("segments", expected.getSegments())
			.set("idempotencyKey", expected.getIdempotencyKey())
			.set("requestedAt", expected.getRequestedAt().toEpochMilli())
			.set("notBefore", expected.getNotBefore().toEpochMilli())
			.set("expiresAt", expected.getExpiresAt().toEpochMilli())
			.set("source", new GenericData.EnumSymbol(RequestSource.getClassSchema(), "CAMPAIGN"))
			.set("attributes", expected.getAttributes())
			.build();
		int id = this.registry.register("sms.message-requested-value", MessageRequested.getClassSchema());

		Object read = new AvroDeserializer<>(this.registry).deserialize(Topics.MESSAGE_REQUESTED, framed(id, written));

		assertThat(read).isEqualTo(expected);
	}

	@Test
	void readsAnEnumSymbolItDoesNotKnowAsTheEnumDefault() {
		Schema newer = edit(DeliveryStatus.getClassSchema(),
				(json) -> ((ArrayNode) field(json, "status").get("type").get("symbols")).add("RETRACTED"));
		GenericRecord written = new GenericRecordBuilder(newer).set("eventId", "evt-9")
			.set("messageId", "msg-9")
			.set("accountId", "acct-1")
			.set("status", new GenericData.EnumSymbol(newer.getField("status").schema(), "RETRACTED"))
			.set("occurredAt", SampleEvents.NOW.toEpochMilli())
			.build();
		int id = this.registry.register("sms.delivery-status-value", newer);

		DeliveryStatus read = new AvroDeserializer<DeliveryStatus>(this.registry).deserialize(Topics.DELIVERY_STATUS,
				framed(id, written));

		assertThat(read.getStatus()).isEqualTo(MessageStatus.UNKNOWN);
	}

	@Test
	void readsGenericRecordsInTheWriterSchemaWhenSpecificReaderIsOff() {
		byte[] bytes = new AvroSerializer<MessageRequested>(this.registry).serialize(Topics.MESSAGE_REQUESTED,
				SampleEvents.messageRequested());
		AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(this.registry);
		deserializer.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, "false"), false);

		GenericRecord read = deserializer.deserialize(Topics.MESSAGE_REQUESTED, bytes);

		assertThat(read.getSchema()).isEqualTo(MessageRequested.getClassSchema());
		assertThat(read.get("messageId")).hasToString("msg-1");
	}

	@Test
	void fetchesEachWriterSchemaFromTheRegistryOnce() {
		byte[] bytes = new AvroSerializer<MessageRequested>(this.registry).serialize(Topics.MESSAGE_REQUESTED,
				SampleEvents.messageRequested());
		int callsToWrite = this.registry.calls();
		AvroDeserializer<MessageRequested> deserializer = new AvroDeserializer<>(this.registry);

		for (int i = 0; i < 10; i++) {
			deserializer.deserialize(Topics.MESSAGE_REQUESTED, bytes);
		}

		assertThat(this.registry.calls() - callsToWrite).isOne();
	}

	@Test
	void readsNullAsNullForTombstones() {
		assertThat(new AvroDeserializer<>(this.registry).deserialize(Topics.OPT_OUTS, null)).isNull();
	}

	@Test
	void rejectsAnUnknownMagicByte() {
		byte[] bytes = { 0x7b, 0, 0, 0, 1, 2, 3 };

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> new AvroDeserializer<>(this.registry).deserialize(Topics.MESSAGE_REQUESTED, bytes))
			.withMessageContaining("Unknown magic byte 0x7b");
	}

	@Test
	void rejectsARecordShorterThanTheHeader() {
		byte[] bytes = { 0, 0, 0 };

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> new AvroDeserializer<>(this.registry).deserialize(Topics.MESSAGE_REQUESTED, bytes))
			.withMessageContaining("Truncated record")
			.withMessageContaining("3 bytes");
	}

	@Test
	void rejectsATruncatedAvroPayload() {
		byte[] bytes = new AvroSerializer<MessageRequested>(this.registry).serialize(Topics.MESSAGE_REQUESTED,
				SampleEvents.messageRequested());
		byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> new AvroDeserializer<>(this.registry).deserialize(Topics.MESSAGE_REQUESTED, truncated))
			.withMessageContaining("Truncated or corrupt Avro payload")
			.withMessageContaining("writer schema id 1");
	}

	@Test
	void reportsASchemaIdTheRegistryDoesNotKnow() {
		byte[] bytes = { 0, 0, 0, 0, 99, 2 };

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> new AvroDeserializer<>(this.registry).deserialize(Topics.MESSAGE_REQUESTED, bytes))
			.withMessageContaining("Unknown schema id 99");
	}

	@Test
	void namesTheRegistryItCannotReach() throws IOException {
		String url = "http://localhost:" + freePort();
		AvroDeserializer<Object> deserializer = new AvroDeserializer<>(new RestSchemaRegistryClient(url));
		byte[] bytes = { 0, 0, 0, 0, 1, 2 };

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> deserializer.deserialize(Topics.MESSAGE_REQUESTED, bytes))
			.withMessageContaining("Cannot fetch writer schema id 1")
			.withMessageContaining("unreachable at " + url);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static GenericRecord oldMessageRequested(Schema schema) {
		return new GenericRecordBuilder(schema).set("messageId", "msg-old")
			.set("accountId", "acct-1")
			.set("recipient", "+14155550100")
			.set("body", "Hi")
			.set("requestedAt", SampleEvents.NOW.toEpochMilli())
			.build();
	}

	/** What another Confluent-compatible writer sends: the 5-byte header, then Avro. */
	private static byte[] framed(int id, GenericRecord record) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write(new byte[] { 0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id });
			BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
			new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
			encoder.flush();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Schema edit(Schema schema, Consumer<ObjectNode> edit) {
		try {
			ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
			edit.accept(json);
			return new Schema.Parser().parse(json.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ObjectNode field(ObjectNode record, String name) {
		for (var field : record.get("fields")) {
			if (field.get("name").asText().equals(name)) {
				return (ObjectNode) field;
			}
		}
		throw new IllegalArgumentException("No field " + name);
	}

	private static void removeFields(ObjectNode record, String... names) {
		ArrayNode fields = (ArrayNode) record.get("fields");
		for (int i = fields.size() - 1; i >= 0; i--) {
			if (List.of(names).contains(fields.get(i).get("name").asText())) {
				fields.remove(i);
			}
		}
	}

}
