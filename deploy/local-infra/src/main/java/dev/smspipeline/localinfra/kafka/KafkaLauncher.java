/*
 * Copyright 2026 the original author or authors.
 */

package dev.smspipeline.localinfra.kafka;

import java.util.concurrent.CountDownLatch;

import dev.smspipeline.localinfra.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link EmbeddedKafkaBroker} until the process is terminated (SIGTERM or
 * Ctrl-C), then shuts it down cleanly.
 *
 * <p>
 * Environment: {@code KAFKA_PORT} (9092), {@code KAFKA_CONTROLLER_PORT} (9093),
 * {@code KAFKA_DATA_DIR} ({@code .local-stack/kafka}).
 */
public final class KafkaLauncher {

	private static final Logger logger = LoggerFactory.getLogger(KafkaLauncher.class);

	private KafkaLauncher() {
	}

	public static void main(String[] args) throws InterruptedException {
		Env env = Env.system();
		EmbeddedKafkaBroker broker;
		try {
			broker = new EmbeddedKafkaBroker(env.path("KAFKA_DATA_DIR", ".local-stack/kafka"),
					env.port("KAFKA_PORT", 9092), env.port("KAFKA_CONTROLLER_PORT", 9093));
		}
		catch (IllegalArgumentException ex) {
			logger.error(ex.getMessage());
			System.exit(2);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			logger.info("Stopping Kafka broker");
			try {
				broker.stop();
				logger.info("Kafka broker stopped");
			}
			finally {
				stopped.countDown();
			}
		}, "kafka-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		long startedAt = System.nanoTime();
		try {
			broker.start();
		}
		catch (RuntimeException | Error ex) {
			logger.error("Kafka broker failed to start: {}", ex.getMessage(), ex);
			Runtime.getRuntime().removeShutdownHook(hook);
			broker.stop();
			System.exit(1);
			return;
		}
		logger.info("Kafka broker started on {} (controller localhost:{}, cluster id {}, {} data dir {}) in {} ms",
				broker.bootstrapServers(), broker.controllerPort(), broker.clusterId(),
				broker.formattedOnThisStart() ? "new" : "existing", broker.dataDir(),
				(System.nanoTime() - startedAt) / 1_000_000);
		stopped.await();
	}

}
