package dev.smspipeline.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import dev.smspipeline.schemas.registry.SchemaRegistryClient;
import dev.smspipeline.schemas.registry.SchemaRegistryException;

/**
 * Reads Avro records written in the Confluent wire format by any Confluent-compatible
 * serializer.
 *
 * <p>
 * The writer schema is fetched from the registry by the id in the header, once per id.
 * With {@code specific.avro.reader=true} (the default) the record is resolved into the
 * generated class the writer schema names, or into the class given to the constructor or
 * as {@value AvroSerdeConfig#VALUE_TYPE}: fields the writer did not know get their
 * defaults, enum symbols the reader does not know become the enum's default. With
 * {@code specific.avro.reader=false} it returns a {@link GenericRecord} in the writer
 * schema. {@code null} (a tombstone) reads as {@code null}. Thread-safe.
 *
 * @param <T> the type read
 */
public class AvroDeserializer<T> implements Deserializer<T> {

	private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

	private SchemaRegistryClient client;

	private Class<?> type;

	private Boolean specificReader;

	/** For Kafka to create; {@link #configure} must follow. */
	public AvroDeserializer() {
	}

	/** Reads into the generated class the writer schema names. */
	public AvroDeserializer(SchemaRegistryClient client) {
		this.client = client;
	}

	/** Reads into {@code type}, whatever the writer schema's name. */
	public AvroDeserializer(SchemaRegistryClient client, Class<T> type) {
		this.client = client;
		this.type = type;
		this.specificReader = true;
	}

	/** Reads {@link GenericRecord}s in the writer schema. */
	public static AvroDeserializer<GenericRecord> generic(SchemaRegistryClient client) {
		AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(client);
		deserializer.specificReader = false;
		return deserializer;
	}

	/**
	 * Reads {@value AvroSerdeConfig#SPECIFIC_AVRO_READER},
	 * {@value AvroSerdeConfig#VALUE_TYPE} (or {@value AvroSerdeConfig#KEY_TYPE}) and,
	 * unless a client was given, {@value AvroSerdeConfig#SCHEMA_REGISTRY_URL}. What the
	 * constructor set stays.
	 */
	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		if (this.type == null) {
			this.type = AvroSerdeConfig.type(configs, isKey ? AvroSerdeConfig.KEY_TYPE : AvroSerdeConfig.VALUE_TYPE);
		}
		if (this.specificReader == null) {
			this.specificReader = AvroSerdeConfig.flag(configs, AvroSerdeConfig.SPECIFIC_AVRO_READER);
		}
		if (this.client == null) {
			this.client = AvroSerdeConfig.client(configs);
		}
		this.readers.clear();
	}

	@Override
	public T deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		if (data.length < AvroSerializer.HEADER_LENGTH) {
			throw new SerializationException("Truncated record on topic '" + topic + "': " + data.length
					+ " bytes, the Confluent wire format needs at least " + AvroSerializer.HEADER_LENGTH
					+ " (magic byte and schema id)");
		}
		if (data[0] != AvroSerializer.MAGIC_BYTE) {
			throw new SerializationException(String.format(
					"Unknown magic byte 0x%02x on topic '%s': not the Confluent Avro wire format, which starts with 0x00",
					data[0], topic));
		}
		int id = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
		DatumReader<T> reader = reader(topic, id);
		try {
			return reader.read(null, DecoderFactory.get()
				.binaryDecoder(data, AvroSerializer.HEADER_LENGTH, data.length - AvroSerializer.HEADER_LENGTH, null));
		}
		catch (AvroTypeException ex) {
			throw new SerializationException(
					"Cannot resolve writer schema id " + id + " on topic '" + topic + "': " + ex.getMessage(), ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException("Truncated or corrupt Avro payload on topic '" + topic
					+ "' (writer schema id " + id + ", " + data.length + " bytes): " + ex, ex);
		}
	}

	private DatumReader<T> reader(String topic, int id) {
		DatumReader<T> reader = this.readers.get(id);
		if (reader == null) {
			reader = newReader(topic, id);
			DatumReader<T> earlier = this.readers.putIfAbsent(id, reader);
			reader = (earlier != null) ? earlier : reader;
		}
		return reader;
	}

	private DatumReader<T> newReader(String topic, int id) {
		Schema writer = writerSchema(topic, id);
		if (Boolean.FALSE.equals(this.specificReader)) {
			return new GenericDatumReader<>(writer);
		}
		if (!isNamed(writer) && this.type == null) {
			return new SpecificDatumReader<>(writer);
		}
		Class<?> readerClass = (this.type != null) ? this.type : SpecificData.get().getClass(writer);
		if (readerClass == null) {
			throw new SerializationException("No generated class " + writer.getFullName()
					+ " on the classpath for writer schema id " + id + " on topic '" + topic + "'; set "
					+ AvroSerdeConfig.VALUE_TYPE + " or " + AvroSerdeConfig.SPECIFIC_AVRO_READER + "=false");
		}
		SpecificData model = SpecificData.getForClass(readerClass);
		return new SpecificDatumReader<>(writer, model.getSchema(readerClass), model);
	}

	private Schema writerSchema(String topic, int id) {
		if (this.client == null) {
			throw new SerializationException("AvroDeserializer is not configured: pass a SchemaRegistryClient or set "
					+ AvroSerdeConfig.SCHEMA_REGISTRY_URL);
		}
		try {
			return this.client.getById(id);
		}
		catch (SchemaRegistryException ex) {
			String problem = (ex.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND)
					? "Unknown schema id " + id + " on topic '" + topic + "': the registry has no schema with that id"
					: "Cannot fetch writer schema id " + id + " for topic '" + topic + "'";
			throw new SerializationException(problem + " (" + ex.getMessage() + ")", ex);
		}
	}

	private static boolean isNamed(Schema schema) {
		return schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM
				|| schema.getType() == Schema.Type.FIXED;
	}

}
