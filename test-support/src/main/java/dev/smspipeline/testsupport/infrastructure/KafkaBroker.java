package dev.smspipeline.testsupport.infrastructure;

/**
 * A running Kafka broker.
 */
interface KafkaBroker extends AutoCloseable {

	String bootstrapServers();

	@Override
	void close();

}
