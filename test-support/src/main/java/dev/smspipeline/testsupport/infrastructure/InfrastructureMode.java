package dev.smspipeline.testsupport.infrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the broker and the database come from. {@code -Dsms.test.infrastructure=embedded}
 * or {@code =testcontainers} forces one; the default picks Testcontainers only when a
 * Docker engine answers.
 */
enum InfrastructureMode {

	EMBEDDED, TESTCONTAINERS;

	static final String PROPERTY = "sms.test.infrastructure";

	static InfrastructureMode detect() {
		String forced = System.getProperty(PROPERTY, System.getenv("SMS_TEST_INFRASTRUCTURE"));
		if (forced != null && !forced.isBlank() && !forced.equalsIgnoreCase("auto")) {
			return valueOf(forced.trim().toUpperCase(Locale.ROOT));
		}
		return dockerIsLikelyPresent() && dockerAnswers() ? TESTCONTAINERS : EMBEDDED;
	}

	private static boolean dockerIsLikelyPresent() {
		return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
	}

	private static boolean dockerAnswers() {
		try {
			return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

}
