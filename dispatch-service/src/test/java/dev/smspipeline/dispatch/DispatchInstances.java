package dev.smspipeline.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;
import dev.smspipeline.testsupport.spring.InfrastructureInitializer;

/**
 * Dispatch instances beside the one a test class may have: in this JVM (a second
 * application context in the same consumer group), or as a child process of the runnable
 * jar, which a test can kill like an operator's {@code kill -9}.
 */
public final class DispatchInstances {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private DispatchInstances() {
	}

	/**
	 * Starts dispatch in this JVM on the shared infrastructure, pointed at
	 * {@code carrier}.
	 * @param carrier the carrier
	 * @param properties more properties
	 * @return the running application
	 */
	public static ConfigurableApplicationContext inProcess(CarrierSimulator carrier, String... properties) {
		// as command-line arguments: they win over application.yml, as the test's do
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.main.banner-mode=off", "--sms.carrier.base-url=" + carrier.baseUrl(),
				"--sms.carrier.account-sid=" + carrier.accountSid(), "--sms.carrier.auth-token=" + carrier.authToken(),
				"--sms.carrier.status-callback-url="));
		for (String property : properties) {
			arguments.add("--" + property);
		}
		return new SpringApplicationBuilder(DispatchServiceApplication.class)
			.initializers(new InfrastructureInitializer())
			.run(arguments.toArray(String[]::new));
	}

	/**
	 * Starts the runnable jar as a child process on the shared infrastructure, and waits
	 * until it is healthy. Its consumer's session times out after 6 s, so a killed
	 * instance's partitions move on quickly.
	 * @param name a name for its log file
	 * @param carrier the carrier
	 * @param settings more environment, e.g. {@code SMS_DISPATCH_MAX_BUFFERED_PER_NUMBER}
	 * @return the process
	 */
	public static ChildProcess child(String name, CarrierSimulator carrier, Map<String, String> settings) {
		String jar = System.getProperty("dispatch.exec.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("No runnable jar (" + jar + "): run through Maven's verify");
		}
		Map<String, String> environment = environment(carrier, "dispatch_service");
		environment.put("SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", "6000");
		environment.put("SPRING_KAFKA_CONSUMER_PROPERTIES_HEARTBEAT_INTERVAL_MS", "1000");
		environment.putAll(settings);
		return launch(jar, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), environment,
				Path.of("target", "dispatch-logs", name + ".log"), Duration.ofSeconds(90));
	}

	/**
	 * What a dispatch process needs to run on the shared infrastructure against a
	 * carrier.
	 * @param carrier the carrier
	 * @param database the database on the shared server
	 * @return the environment, to add to
	 */
	public static Map<String, String> environment(CarrierSimulator carrier, String database) {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		Map<String, String> environment = new HashMap<>();
		environment.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
		environment.put("SCHEMA_REGISTRY_URL", infrastructure.schemaRegistryUrl());
		environment.put("DATABASE_URL", infrastructure.jdbcUrl(database));
		environment.put("DATABASE_USERNAME", infrastructure.databaseUsername());
		environment.put("DATABASE_PASSWORD", infrastructure.databasePassword());
		environment.put("CARRIER_BASE_URL", carrier.baseUrl());
		environment.put("CARRIER_ACCOUNT_SID", carrier.accountSid());
		environment.put("CARRIER_AUTH_TOKEN", carrier.authToken());
		environment.put("STATUS_CALLBACK_URL", "");
		return environment;
	}

	/**
	 * Starts a runnable dispatch jar on a free port and its management server on another,
	 * its output in {@code log}, and waits until it is healthy.
	 * @param jar the runnable jar
	 * @param jvmOptions options of its JVM
	 * @param environment its environment (see {@link #environment})
	 * @param log where its output goes
	 * @param startTimeout how long it may take to be healthy
	 * @return the process
	 */
	public static ChildProcess launch(String jar, List<String> jvmOptions, Map<String, String> environment, Path log,
			Duration startTimeout) {
		int port = freePort();
		int managementPort = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar));
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			builder.environment().put("SERVER_PORT", String.valueOf(port));
			builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
			ChildProcess child = new ChildProcess(builder.start(), port, managementPort, log);
			child.awaitHealthy(startTimeout);
			return child;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A dispatch child process. */
	public static final class ChildProcess implements AutoCloseable {

		private final Process process;

		private final int port;

		private final int managementPort;

		private final Path log;

		ChildProcess(Process process, int port, int managementPort, Path log) {
			this.process = process;
			this.port = port;
			this.managementPort = managementPort;
			this.log = log;
		}

		void awaitHealthy(Duration timeout) {
			Awaitility.await("dispatch healthy (log: " + this.log + ")")
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(250))
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("dispatch exited; see " + this.log);
					}
					return management("/actuator/health").contains("\"UP\"");
				});
		}

		/** The Prometheus scrape of the instance, from its management port. */
		public String metrics() {
			return management("/actuator/prometheus");
		}

		/** Kills it at once, as {@code kill -9} does: nothing is committed or closed. */
		public void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/**
		 * A GET on the instance's service port.
		 * @param path the path
		 * @return the body, empty when it does not answer
		 */
		public String get(String path) {
			return get(this.port, path);
		}

		/**
		 * A GET on the instance's management port (actuator: health, metrics).
		 * @param path the path, e.g. {@code /actuator/prometheus}
		 * @return the body, empty when it does not answer
		 */
		public String management(String path) {
			return get(this.managementPort, path);
		}

		private static String get(int port, String path) {
			try {
				return HTTP
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
							HttpResponse.BodyHandlers.ofString())
					.body();
			}
			catch (IOException ex) {
				return "";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "";
			}
		}

		@Override
		public void close() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					kill();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
