package dev.smspipeline.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CarrierSimulatorApplicationIntegrationTests {

	private static final Pattern LISTENING = Pattern.compile("listening on [^ ]+:(\\d+)");

	@Test
	void runsFromTheExecutableJarConfiguredByTheEnvironment() throws Exception {
		Path jar = Files.list(Path.of("target"))
			.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no executable jar in target/"));
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString());
		builder.environment().put("SIM_PORT", "0");
		builder.environment().put("SIM_BIND_ADDRESS", "127.0.0.1");
		builder.environment().put("CARRIER_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef");
		builder.environment().put("CARRIER_AUTH_TOKEN", "secret");
		builder.redirectErrorStream(true);
		Process process = builder.start();
		try {
			int port = awaitPort(process);
			HttpResponse<String> health = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
						HttpResponse.BodyHandlers.ofString());

			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("UP");
		}
		finally {
			process.destroy();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private static int awaitPort(Process process) throws Exception {
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					Matcher matcher = LISTENING.matcher(line);
					if (matcher.find()) {
						port.complete(Integer.parseInt(matcher.group(1)));
					}
				}
				port.completeExceptionally(new IllegalStateException("The simulator exited before listening"));
			}
			catch (IOException ex) {
				port.completeExceptionally(ex);
			}
		}, "simulator-output");
		reader.setDaemon(true);
		reader.start();
		return port.get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
	}

}
