package dev.smspipeline.platform.kafka.deadletter;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

import dev.smspipeline.schemas.serde.AvroSerializer;

/**
 * Key and value serializer of the {@link DeadLetterPublisher}: a record's key or value as
 * it was read, so the dead letter carries what arrived. {@code byte[]} (a listener that
 * reads bytes, or the original bytes an {@code ErrorHandlingDeserializer} kept) as is,
 * {@code String} as UTF-8, and a generated Avro record (a listener that read one and
 * refused it) in the Confluent wire format again; the producer's configuration (the
 * registry URL) reaches the Avro serializer.
 */
public class DeadLetterSerializer extends DelegatingByTypeSerializer {

	public DeadLetterSerializer() {
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
