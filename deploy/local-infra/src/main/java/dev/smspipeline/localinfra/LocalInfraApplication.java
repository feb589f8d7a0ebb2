/*
 * Copyright 2026 the original author or authors.
 */

package dev.smspipeline.localinfra;

import java.util.Arrays;

import dev.smspipeline.localinfra.kafka.KafkaLauncher;
import dev.smspipeline.localinfra.postgres.PostgresLauncher;

/**
 * Entry point of the local infrastructure jar:
 * {@code java -jar local-infra-exec.jar kafka} or
 * {@code java -jar local-infra-exec.jar postgres}.
 */
public final class LocalInfraApplication {

	private LocalInfraApplication() {
	}

	/**
	 * The launchers' logging configuration; not named {@code log4j2.xml} so that it does
	 * not take over the logging of modules that use this one's classes in their tests.
	 */
	static final String LOGGING_CONFIGURATION = "log4j2-local-infra.xml";

	public static void main(String[] args) throws Exception {
		if (System.getProperty("log4j2.configurationFile") == null) {
			System.setProperty("log4j2.configurationFile", LOGGING_CONFIGURATION);
		}
		String part = (args.length > 0) ? args[0] : "";
		String[] rest = (args.length > 0) ? Arrays.copyOfRange(args, 1, args.length) : new String[0];
		switch (part) {
			case "kafka" -> KafkaLauncher.main(rest);
			case "postgres" -> PostgresLauncher.main(rest);
			default -> {
				System.err.println("usage: java -jar local-infra-exec.jar kafka|postgres");
				System.err.println("  kafka     Apache Kafka broker, KRaft combined mode (env KAFKA_PORT, "
						+ "KAFKA_CONTROLLER_PORT, KAFKA_DATA_DIR)");
				System.err.println("  postgres  embedded PostgreSQL (env POSTGRES_PORT, POSTGRES_DATA_DIR, "
						+ "POSTGRES_BIN_DIR, POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DATABASES)");
				System.exit(2);
			}
		}
	}

}
