package dev.smspipeline.dispatch.intake;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

import dev.smspipeline.schemas.serde.AvroSerializer;

/**
 * The producer's value serializer: generated Avro records in the Confluent wire format
 * with the project's {@link AvroSerializer}, and {@code byte[]} as is. The bytes are the
 * original value of a record that could not be deserialized, on its way to the
 * dead-letter topic in the listener's transaction, which needs the one transactional
 * producer to write both. Configured by class name in {@code application.yml}; the
 * producer's configuration (the registry URL) reaches the Avro serializer.
 */
public class AvroOrBytesSerializer extends DelegatingByTypeSerializer {

	public AvroOrBytesSerializer() {
		super(delegates(), true);
	}

	private static Map<Class<?>, Serializer<?>> delegates() {
		Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
		delegates.put(byte[].class, new ByteArraySerializer());
		delegates.put(SpecificRecord.class, new AvroSerializer<>());
		return delegates;
	}

}
