package dev.smspipeline.e2e;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * One service's runnable jar started as a child process, as the local stack and
 * production run it: its own JVM, its configuration from the environment, its API on one
 * port and its management server (health, metrics) on another.
 */
final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final String name;

	private final int port;

	private final int managementPort;

	private final Process process;

	private final Path log;

	private ServiceProcess(String name, int port, int managementPort, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.managementPort = managementPort;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code name}'s exec jar on a free port, its management server on another,
	 * with {@code environment} added.
	 */
	static ServiceProcess start(String name, Map<String, String> environment) {
		String jar = System.getProperty("e2e.jar." + name);
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("No runnable jar for " + name + " (" + jar + "): run through Maven");
		}
		int port = freePort();
		int managementPort = freePort();
		Path logs = Path.of(System.getProperty("e2e.logs", "target/service-logs"));
		Path log = logs.resolve(name + ".log");
		try {
			Files.createDirectories(logs);
			List<String> command = new ArrayList<>(
					List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			builder.environment().put("SERVER_PORT", String.valueOf(port));
			builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
			return new ServiceProcess(name, port, managementPort, builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	String name() {
		return this.name;
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/**
	 * Where its management server answers: {@code /actuator/health},
	 * {@code /actuator/prometheus}.
	 */
	String managementUrl() {
		return "http://localhost:" + this.managementPort;
	}

	/** The operating system's id of the process: a restart would change it. */
	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Whether its health endpoint (on the management port) answers UP right now. */
	boolean isHealthy() {
		return healthy();
	}

	/** Everything the service wrote to stdout and stderr so far. */
	List<String> logLines() {
		try {
			return new String(Files.readAllBytes(this.log), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + this.log, ex);
		}
	}

	/**
	 * The log lines from line {@code from} on that say something went wrong: an ERROR
	 * (plain or JSON log), an {@code OutOfMemoryError}, or a listener container stopping.
	 * @param from the first line to look at, e.g. {@code logLines().size()} before a test
	 * @return those lines
	 */
	List<String> errorLinesSince(int from) {
		List<String> lines = logLines();
		return lines.subList(from, lines.size())
			.stream()
			.filter((line) -> line.contains(" ERROR ") || line.contains("\"level\":\"ERROR\"")
					|| line.contains("OutOfMemoryError") || line.contains("Stopping container"))
			.toList();
	}

	/**
	 * Waits until the service's health endpoint (on the management port) says UP, or
	 * fails with its log's tail.
	 */
	ServiceProcess awaitHealthy(Duration timeout) {
		try {
			Awaitility.await(this.name + " healthy").atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(this.name + " exited: " + tail());
				}
				return healthy();
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new IllegalStateException(this.name + " did not become healthy: " + tail(), ex);
		}
		return this;
	}

	private boolean healthy() {
		try {
			HttpResponse<String> response = HTTP.send(
					HttpRequest.newBuilder(URI.create(managementUrl() + "/actuator/health")).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
