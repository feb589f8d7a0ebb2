package dev.smspipeline.registry;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the registry on its own. Environment: {@code KAFKA_BOOTSTRAP_SERVERS} (default
 * {@code localhost:9092}), {@code SCHEMA_REGISTRY_PORT} (default 8085),
 * {@code SCHEMA_REGISTRY_TOPIC} (default {@code _schemas}). Stops cleanly on SIGTERM.
 */
public final class SchemaRegistryApplication {

	private SchemaRegistryApplication() {
	}

	public static void main(String[] args) {
		quietKafkaClientLogs();
		Logger log = LoggerFactory.getLogger(SchemaRegistryApplication.class);
		Map<String, String> env = System.getenv();
		String bootstrapServers = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
		String topic = env.getOrDefault("SCHEMA_REGISTRY_TOPIC", EmbeddedSchemaRegistry.DEFAULT_TOPIC);
		int port;
		try {
			port = Integer.parseInt(env.getOrDefault("SCHEMA_REGISTRY_PORT", "8085"));
		}
		catch (NumberFormatException ex) {
			log.error("SCHEMA_REGISTRY_PORT must be a number: {}", ex.getMessage());
			System.exit(2);
			return;
		}
		EmbeddedSchemaRegistry registry;
		try {
			registry = EmbeddedSchemaRegistry.start(bootstrapServers, port, topic);
		}
		catch (RuntimeException ex) {
			log.error("Cannot start the schema registry: {}", ex.getMessage(), ex);
			System.exit(1);
			return;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			log.info("Stopping the schema registry");
			registry.close();
			log.info("Schema registry stopped");
		}, "schema-registry-shutdown"));
		log.info("Schema registry listening on {} (state in {} on {})", registry.url(), topic, bootstrapServers);
	}

	/**
	 * With slf4j-simple (the runnable jar's binding), Kafka's clients log their whole
	 * configuration at INFO: keep them to warnings unless told otherwise.
	 */
	private static void quietKafkaClientLogs() {
		if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
			System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
		}
		if (System.getProperty("org.slf4j.simpleLogger.showDateTime") == null) {
			System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
		}
	}

}
