package dev.smspipeline.testsupport.infrastructure;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Apache Kafka's own broker in KRaft combined mode, in this JVM.
 */
final class EmbeddedKraftBroker implements KafkaBroker {

	private static final int PARTITIONS = 3;

	private final EmbeddedKafkaKraftBroker broker;

	EmbeddedKraftBroker() {
		this.broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
		this.broker.brokerProperty("auto.create.topics.enable", "true");
		this.broker.brokerProperty("num.partitions", String.valueOf(PARTITIONS));
		this.broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		this.broker.brokerProperty("transaction.state.log.replication.factor", "1");
		this.broker.brokerProperty("transaction.state.log.min.isr", "1");
		this.broker.afterPropertiesSet();
	}

	@Override
	public String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	@Override
	public void close() {
		this.broker.destroy();
	}

}
