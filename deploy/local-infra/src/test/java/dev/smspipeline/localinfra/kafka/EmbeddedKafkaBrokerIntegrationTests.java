/*
 * Copyright 2026 the original author or authors.
 */

package dev.smspipeline.localinfra.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts a real KRaft broker, writes a record, restarts the broker on the same data
 * directory and reads the record back.
 */
class EmbeddedKafkaBrokerIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	@Timeout(120)
	void recordSurvivesRestart() throws Exception {
		int port = freePort();
		int controllerPort = freePort();
		String topic = "local-infra-test";
		String value = "hello-" + UUID.randomUUID();
		String clusterId;
		try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(this.dataDir, port, controllerPort)) {
			broker.start();
			assertThat(broker.formattedOnThisStart()).isTrue();
			clusterId = broker.clusterId();
			try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
				producer.send(new ProducerRecord<>(topic, "key-1", value)).get();
			}
			assertThat(readAll(broker.bootstrapServers(), topic, 1)).containsExactly(value);
		}
		try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(this.dataDir, port, controllerPort)) {
			broker.start();
			assertThat(broker.formattedOnThisStart()).isFalse();
			assertThat(broker.clusterId()).isEqualTo(clusterId);
			assertThat(readAll(broker.bootstrapServers(), topic, 1)).containsExactly(value);
		}
	}

	private static KafkaProducer<String, String> producer(String bootstrapServers) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000"), new StringSerializer(),
				new StringSerializer());
	}

	private static List<String> readAll(String bootstrapServers, String topic, int expected) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (values.size() < expected && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
			}
		}
		return values;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
