package dev.smspipeline.schemas.serde;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

import dev.smspipeline.schemas.registry.RestSchemaRegistryClient;
import dev.smspipeline.schemas.registry.SchemaRegistryClient;

/**
 * The configuration keys of {@link AvroSerializer} and {@link AvroDeserializer}, named as
 * Confluent's serde names them, so a producer or consumer configuration carries over.
 */
public final class AvroSerdeConfig {

	/**
	 * Base URL of the schema registry, or several separated by commas. Required unless a
	 * {@link SchemaRegistryClient} is passed to the constructor.
	 */
	public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

	/** Time to open a connection to the registry, in milliseconds (default 5000). */
	public static final String SCHEMA_REGISTRY_CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";

	/** Time for one request to the registry, in milliseconds (default 10000). */
	public static final String SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

	/**
	 * Serializer: register a record's schema on first use (default {@code true}); when
	 * {@code false}, the schema must already be registered under the subject.
	 */
	public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

	/**
	 * Deserializer: read into the generated class named by the writer schema (default
	 * {@code true}); when {@code false}, into a {@code GenericRecord} in the writer
	 * schema.
	 */
	public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

	/**
	 * Deserializer of values: the generated class (a {@code Class} or its name) to read
	 * into, whatever the writer schema's name.
	 */
	public static final String VALUE_TYPE = "value.type";

	/** Deserializer of keys: like {@link #VALUE_TYPE}. */
	public static final String KEY_TYPE = "key.type";

	private AvroSerdeConfig() {
	}

	static SchemaRegistryClient client(Map<String, ?> configs) {
		Object url = configs.get(SCHEMA_REGISTRY_URL);
		if (url == null || url.toString().isBlank()) {
			throw new ConfigException(SCHEMA_REGISTRY_URL, url,
					"The schema registry URL is required when no SchemaRegistryClient is given");
		}
		return new RestSchemaRegistryClient(url.toString(),
				millis(configs, SCHEMA_REGISTRY_CONNECT_TIMEOUT_MS, RestSchemaRegistryClient.DEFAULT_CONNECT_TIMEOUT),
				millis(configs, SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS, RestSchemaRegistryClient.DEFAULT_REQUEST_TIMEOUT));
	}

	static Boolean flag(Map<String, ?> configs, String key) {
		Object value = configs.get(key);
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean flag) {
			return flag;
		}
		String text = value.toString().trim();
		if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
			throw new ConfigException(key, value, "Expected true or false");
		}
		return Boolean.valueOf(text);
	}

	static Class<?> type(Map<String, ?> configs, String key) {
		Object value = configs.get(key);
		if (value == null || value instanceof Class) {
			return (Class<?>) value;
		}
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		try {
			return Class.forName(value.toString().trim(), true,
					(loader != null) ? loader : AvroSerdeConfig.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new ConfigException(key, value, "No such class");
		}
	}

	private static Duration millis(Map<String, ?> configs, String key, Duration defaultValue) {
		Object value = configs.get(key);
		if (value == null) {
			return defaultValue;
		}
		try {
			return Duration.ofMillis(Long.parseLong(value.toString().trim()));
		}
		catch (NumberFormatException ex) {
			throw new ConfigException(key, value, "Expected milliseconds");
		}
	}

}
