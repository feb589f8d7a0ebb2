package dev.smspipeline.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

import dev.smspipeline.schemas.serde.AvroSerializer;

/**
 * A key or value serializer for producers that write records of several kinds: generated
 * Avro records in the Confluent wire format, {@code String}s as UTF-8 and {@code byte[]}
 * as is. The dead-letter producer writes a record as it was read with it (the original
 * bytes, or a record a listener read as Avro and refused, written again), and
 * campaign-service's outbox relay its events and batch markers. The producer's
 * configuration (the registry URL) reaches the Avro serializer.
 */
public class RecordSerializer extends DelegatingByTypeSerializer {

	public RecordSerializer() {
		super(delegates(), true);
	}

	private static Map<Class<?>, Serializer<?>> delegates() {
		Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
		delegates.put(byte[].class, new ByteArraySerializer());
		delegates.put(String.class, new StringSerializer());
		delegates.put(SpecificRecord.class, new AvroSerializer<>());
		return delegates;
	}

}
