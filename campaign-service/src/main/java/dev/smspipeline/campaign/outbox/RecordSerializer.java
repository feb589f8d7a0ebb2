package dev.smspipeline.campaign.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

import dev.smspipeline.schemas.serde.AvroSerializer;

/**
 * Value serializer of the relay and dead-letter producers: generated Avro records in the
 * Confluent wire format, {@code String}s (the relay's batch markers) as UTF-8, and
 * {@code byte[]} (a dead letter's original value) as is. The producer's configuration
 * (the registry URL) reaches the Avro serializer.
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
