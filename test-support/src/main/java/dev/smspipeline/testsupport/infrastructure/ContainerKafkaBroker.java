package dev.smspipeline.testsupport.infrastructure;

import org.testcontainers.kafka.KafkaContainer;

/**
 * Apache Kafka's official image, for machines with a Docker engine.
 */
final class ContainerKafkaBroker implements KafkaBroker {

	static final String IMAGE = "apache/kafka:4.2.0";

	private final KafkaContainer container;

	ContainerKafkaBroker() {
		this.container = new KafkaContainer(IMAGE).withEnv("KAFKA_NUM_PARTITIONS", "3");
		this.container.start();
	}

	@Override
	public String bootstrapServers() {
		return this.container.getBootstrapServers();
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
