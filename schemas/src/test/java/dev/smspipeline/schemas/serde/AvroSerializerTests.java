package dev.smspipeline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.schemas.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AvroSerializerTests {

	private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(0x01020304);

	@Test
	void startsWithMagicByteZeroAndTheSchemaIdBigEndian() {
		byte[] bytes = new AvroSerializer<MessageRequested>(this.registry).serialize(Topics.MESSAGE_REQUESTED,
				SampleEvents.messageRequested());

		assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
	}

	@Test
	void writesPlainAvroBinaryAfterTheHeader() throws IOException {
		MessageRequested record = SampleEvents.messageRequested();

		byte[] bytes = new AvroSerializer<MessageRequested>(this.registry).serialize(Topics.MESSAGE_REQUESTED, record);

		assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avro(record));
	}

	@Test
	void registersTheSchemaUnderTheTopicValueSubject() {
		new AvroSerializer<MessageRequested>(this.registry).serialize(Topics.MESSAGE_REQUESTED,
				SampleEvents.messageRequested());

		assertThat(this.registry.subjects()).containsExactly("sms.message-requested-value");
	}

	@Test
	void registersTheSchemaUnderTheTopicKeySubjectWhenItSerializesKeys() {
		AvroSerializer<MessageRequested> serializer = new AvroSerializer<>(this.registry);
		serializer.configure(Map.of(), true);

		serializer.serialize(Topics.MESSAGE_REQUESTED, SampleEvents.messageRequested());

		assertThat(this.registry.subjects()).containsExactly("sms.message-requested-key");
	}

	@Test
	void callsTheRegistryOnlyForTheFirstRecordOfATopic() {
		AvroSerializer<MessageRequested> serializer = new AvroSerializer<>(this.registry);

		for (int i = 0; i < 100; i++) {
			serializer.serialize(Topics.MESSAGE_REQUESTED, SampleEvents.messageRequested());
		}

		assertThat(this.registry.calls()).isOne();
	}

	@Test
	void looksTheSchemaUpInsteadOfRegisteringItWhenAutoRegisterIsOff() {
		int registered = this.registry.register("sms.message-requested-value", MessageRequested.getClassSchema());
		AvroSerializer<MessageRequested> serializer = new AvroSerializer<>(this.registry);
		serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

		byte[] bytes = serializer.serialize(Topics.MESSAGE_REQUESTED, SampleEvents.messageRequested());

		assertThat(bytes[4]).isEqualTo((byte) registered);
		assertThat(this.registry.subjects()).containsExactly("sms.message-requested-value");
	}

	@Test
	void namesTheSubjectWhenAutoRegisterIsOffAndTheSchemaIsNotRegistered() {
		AvroSerializer<MessageRequested> serializer = new AvroSerializer<>(this.registry, false);

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> serializer.serialize(Topics.MESSAGE_REQUESTED, SampleEvents.messageRequested()))
			.withMessageContaining("sms.message-requested-value")
			.withMessageContaining("auto.register.schemas=false");
	}

	@Test
	void serializesNullAsNullForTombstones() {
		assertThat(new AvroSerializer<MessageRequested>(this.registry).serialize(Topics.OPT_OUTS, null)).isNull();
	}

	@Test
	void refusesAConfigurationWithoutARegistryUrlOrClient() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> new AvroSerializer<MessageRequested>().configure(Map.of(), false))
			.withMessageContaining(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
	}

	private static byte[] avro(MessageRequested record) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new SpecificDatumWriter<>(MessageRequested.class).write(record, encoder);
		encoder.flush();
		return out.toByteArray();
	}

}
