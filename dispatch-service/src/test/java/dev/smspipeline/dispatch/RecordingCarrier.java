package dev.smspipeline.dispatch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.smspipeline.testsupport.junit.ClassResource;

/**
 * A carrier that accepts every create call and keeps the headers of each, for what the
 * simulator does not record (the trace context). Points {@code sms.carrier.*} at itself.
 */
public final class RecordingCarrier implements ClassResource {

	private final HttpServer server;

	private final List<Map<String, List<String>>> calls = new CopyOnWriteArrayList<>();

	private RecordingCarrier(HttpServer server) {
		this.server = server;
	}

	/** Starts on an ephemeral port of this host. */
	public static RecordingCarrier start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			RecordingCarrier carrier = new RecordingCarrier(server);
			server.createContext("/", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				carrier.calls.add(Map.copyOf(exchange.getRequestHeaders()));
				byte[] answer = ("{\"sid\": \"SM" + UUID.randomUUID().toString().replace("-", "")
						+ "\", \"status\": \"queued\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(201, answer.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer);
				}
			});
			server.start();
			return carrier;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Points {@code sms.carrier.*} here, without status callbacks. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("sms.carrier.base-url", () -> "http://127.0.0.1:" + this.server.getAddress().getPort());
		registry.add("sms.carrier.account-sid", () -> "AC00000000000000000000000000000000");
		registry.add("sms.carrier.auth-token", () -> "token");
		registry.add("sms.carrier.status-callback-url", () -> "");
	}

	/** The value of one header of the create call for {@code messageId}, or null. */
	public String header(String messageId, String name) {
		return this.calls.stream()
			.filter((headers) -> messageId.equals(first(headers, "I-Twilio-Idempotency-Token")))
			.map((headers) -> first(headers, name))
			.findFirst()
			.orElse(null);
	}

	private static String first(Map<String, List<String>> headers, String name) {
		return headers.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty())
			.map((entry) -> entry.getValue().get(0))
			.findFirst()
			.orElse(null);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
