package dev.smspipeline.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack's parts listen and where its state lives, from the same
 * environment variables local-stack.sh reads (it passes them when it runs the suite).
 *
 * @param root the checkout, where local-stack.sh is
 * @param stateDir its {@code .local-stack} directory
 * @param campaignUrl campaign-service
 * @param statusUrl status-service
 * @param carrierUrl the carrier simulator
 * @param kafka the broker's bootstrap address
 * @param apiKey the demo account's API key
 */
record StackEndpoints(Path root, Path stateDir, String campaignUrl, String statusUrl, String carrierUrl, String kafka,
		String apiKey) {

	/**
	 * Reads the endpoints from the environment: {@code LOCAL_STACK_ROOT} (default: the
	 * working directory), {@code CAMPAIGN_PORT}, {@code STATUS_PORT},
	 * {@code CARRIER_PORT}, {@code KAFKA_PORT}, and the API key in
	 * {@code .local-stack/api-key}.
	 * @param env the environment
	 * @return the endpoints
	 * @throws IllegalStateException when the API key is missing
	 */
	static StackEndpoints fromEnvironment(Map<String, String> env) {
		Path root = Path.of(env.getOrDefault("LOCAL_STACK_ROOT", System.getProperty("user.dir")))
			.toAbsolutePath()
			.normalize();
		Path state = root.resolve(".local-stack");
		Path keyFile = state.resolve("api-key");
		String key;
		try {
			key = Files.readString(keyFile).strip();
		}
		catch (java.nio.file.NoSuchFileException ex) {
			throw new IllegalStateException(
					"No API key in " + keyFile + ": start the stack first (./local-stack.sh start)");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new StackEndpoints(root, state, "http://localhost:" + port(env, "CAMPAIGN_PORT", 8081),
				"http://localhost:" + port(env, "STATUS_PORT", 8083),
				"http://localhost:" + port(env, "CARRIER_PORT", 8090), "localhost:" + port(env, "KAFKA_PORT", 9092),
				key);
	}

	private static int port(Map<String, String> env, String name, int defaultPort) {
		String value = env.get(name);
		if (value == null || value.isBlank()) {
			return defaultPort;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'", ex);
		}
	}

	@Override
	public String toString() {
		return "StackEndpoints[root=" + this.root + ", campaign=" + this.campaignUrl + ", status=" + this.statusUrl
				+ ", carrier=" + this.carrierUrl + ", kafka=" + this.kafka + ", apiKey=(hidden)]";
	}

}
