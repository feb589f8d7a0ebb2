package dev.smspipeline.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import dev.smspipeline.schemas.registry.SchemaRegistryClient;
import dev.smspipeline.schemas.registry.SchemaRegistryException;

/**
 * Writes generated Avro records in the Confluent wire format: magic byte 0, the schema's
 * registry id as 4 bytes big-endian, then Avro binary.
 *
 * <p>
 * The record's schema is registered (or, with {@code auto.register.schemas=false}, looked
 * up) under {@code <topic>-value}, or {@code <topic>-key} for keys, on the first record
 * of a topic; after that the id comes from memory and the registry is not called again.
 * Thread-safe: each thread reuses its own buffer and encoder.
 *
 * <p>
 * Either give it a {@link SchemaRegistryClient} (an instance for
 * {@code DefaultKafkaProducerFactory}), or let Kafka create it and pass
 * {@value AvroSerdeConfig#SCHEMA_REGISTRY_URL} to {@link #configure}.
 *
 * @param <T> the generated record type
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

	static final byte MAGIC_BYTE = 0;

	static final int HEADER_LENGTH = 5;

	private static final ThreadLocal<WireBuffer> BUFFERS = ThreadLocal.withInitial(WireBuffer::new);

	private final Map<String, Registration> latestByTopic = new ConcurrentHashMap<>();

	private final Map<TopicSchema, Registration> registrations = new ConcurrentHashMap<>();

	private SchemaRegistryClient client;

	private boolean autoRegister = true;

	private boolean isKey;

	/** For Kafka to create; {@link #configure} must follow. */
	public AvroSerializer() {
	}

	/** A value serializer that registers schemas through {@code client}. */
	public AvroSerializer(SchemaRegistryClient client) {
		this(client, true);
	}

	/**
	 * A value serializer.
	 * @param client the registry
	 * @param autoRegister whether to register schemas, or only look them up
	 */
	public AvroSerializer(SchemaRegistryClient client, boolean autoRegister) {
		this.client = client;
		this.autoRegister = autoRegister;
	}

	/**
	 * Reads {@value AvroSerdeConfig#AUTO_REGISTER_SCHEMAS} and, unless a client was
	 * given, {@value AvroSerdeConfig#SCHEMA_REGISTRY_URL}.
	 */
	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		this.isKey = isKey;
		Boolean autoRegister = AvroSerdeConfig.flag(configs, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
		if (autoRegister != null) {
			this.autoRegister = autoRegister;
		}
		if (this.client == null) {
			this.client = AvroSerdeConfig.client(configs);
		}
		this.latestByTopic.clear();
		this.registrations.clear();
	}

	@Override
	public byte[] serialize(String topic, T data) {
		if (data == null) {
			return null;
		}
		Registration registration = registration(topic, data);
		try {
			return BUFFERS.get().write(registration, data);
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException("Cannot serialize " + registration.schema().getFullName() + " for topic '"
					+ topic + "': " + ex.getMessage(), ex);
		}
	}

	private Registration registration(String topic, T data) {
		Schema schema = data.getSchema();
		Registration latest = this.latestByTopic.get(topic);
		if (latest != null && latest.schema() == schema) {
			return latest;
		}
		TopicSchema key = new TopicSchema(topic, schema);
		Registration registration = this.registrations.get(key);
		if (registration == null) {
			registration = new Registration(schema, schemaId(topic, schema),
					new SpecificDatumWriter<>(schema, SpecificData.getForClass(data.getClass())));
			Registration earlier = this.registrations.putIfAbsent(key, registration);
			registration = (earlier != null) ? earlier : registration;
		}
		this.latestByTopic.put(topic, registration);
		return registration;
	}

	private int schemaId(String topic, Schema schema) {
		if (this.client == null) {
			throw new SerializationException("AvroSerializer is not configured: pass a SchemaRegistryClient or set "
					+ AvroSerdeConfig.SCHEMA_REGISTRY_URL);
		}
		String subject = topic + (this.isKey ? "-key" : "-value");
		try {
			return this.autoRegister ? this.client.register(subject, schema) : this.client.lookup(subject, schema);
		}
		catch (SchemaRegistryException ex) {
			String action = this.autoRegister ? "register"
					: "find (" + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=false) the";
			throw new SerializationException("Cannot " + action + " schema " + schema.getFullName() + " under subject '"
					+ subject + "': " + ex.getMessage(), ex);
		}
	}

	private record TopicSchema(String topic, Schema schema) {
	}

	private record Registration(Schema schema, int id, DatumWriter<Object> writer) {
	}

	/**
	 * A growable byte buffer with its encoder, one per thread: the header and the Avro
	 * binary go straight into it, and a record costs one copy into the returned array.
	 */
	private static final class WireBuffer extends OutputStream {

		private static final int INITIAL_CAPACITY = 1024;

		private static final int MAX_RETAINED_CAPACITY = 1024 * 1024;

		private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);

		private byte[] bytes = new byte[INITIAL_CAPACITY];

		private int count;

		byte[] write(Registration registration, Object data) throws IOException {
			int id = registration.id();
			this.bytes[0] = MAGIC_BYTE;
			this.bytes[1] = (byte) (id >>> 24);
			this.bytes[2] = (byte) (id >>> 16);
			this.bytes[3] = (byte) (id >>> 8);
			this.bytes[4] = (byte) id;
			this.count = HEADER_LENGTH;
			try {
				registration.writer().write(data, this.encoder);
				return Arrays.copyOf(this.bytes, this.count);
			}
			finally {
				if (this.bytes.length > MAX_RETAINED_CAPACITY) {
					this.bytes = new byte[INITIAL_CAPACITY];
				}
			}
		}

		@Override
		public void write(int b) {
			ensureCapacity(this.count + 1);
			this.bytes[this.count++] = (byte) b;
		}

		@Override
		public void write(byte[] source, int offset, int length) {
			ensureCapacity(this.count + length);
			System.arraycopy(source, offset, this.bytes, this.count, length);
			this.count += length;
		}

		private void ensureCapacity(int capacity) {
			if (capacity > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(capacity, this.bytes.length * 2));
			}
		}

	}

}
