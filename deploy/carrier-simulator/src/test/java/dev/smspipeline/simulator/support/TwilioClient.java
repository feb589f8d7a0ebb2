package dev.smspipeline.simulator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.http.Exchanges;

/**
 * Calls a simulator the way an application calls Twilio, over real HTTP.
 */
public final class TwilioClient {

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final CarrierSimulator simulator;

	public TwilioClient(CarrierSimulator simulator) {
		this.simulator = simulator;
	}

	/**
	 * Creates a message with the simulator's own credentials.
	 * @param form the form fields
	 * @return the answer
	 */
	public Answer create(Map<String, String> form) {
		return create(form, null);
	}

	public Answer create(Map<String, String> form, String idempotencyKey) {
		return create(this.simulator.accountSid(), basic(this.simulator.accountSid(), this.simulator.authToken()), form,
				"I-Twilio-Idempotency-Token", idempotencyKey);
	}

	/**
	 * Creates a message, waiting at most {@code timeout} for the answer.
	 * @param form the form fields
	 * @param idempotencyKey the idempotency token, or {@code null}
	 * @param timeout how long to wait
	 * @return the answer
	 * @throws UncheckedIOException with an {@link java.net.http.HttpTimeoutException}
	 * when no answer came in time
	 */
	public Answer create(Map<String, String> form, String idempotencyKey, Duration timeout) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.simulator.messagesUrl()))
			.timeout(timeout)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", basic(this.simulator.accountSid(), this.simulator.authToken()))
			.POST(HttpRequest.BodyPublishers.ofString(Exchanges.encodeForm(form)));
		if (idempotencyKey != null) {
			request.header("I-Twilio-Idempotency-Token", idempotencyKey);
		}
		return send(request.build());
	}

	public Answer create(String pathSid, String authorization, Map<String, String> form, String keyHeader,
			String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.simulator.baseUrl() + "/2010-04-01/Accounts/" + pathSid + "/Messages.json"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(Exchanges.encodeForm(form)));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (idempotencyKey != null) {
			request.header(keyHeader, idempotencyKey);
		}
		return send(request.build());
	}

	public Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.simulator.baseUrl() + path)).GET().build());
	}

	public Answer delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.simulator.baseUrl() + path)).DELETE().build());
	}

	public Answer post(String path, String contentType, String body) {
		return send(HttpRequest.newBuilder(URI.create(this.simulator.baseUrl() + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A message form.
	 * @param to the recipient
	 * @param body the body
	 * @param statusCallback the callback URL, or {@code null}
	 * @return the form
	 */
	public static Map<String, String> message(String to, String body, String statusCallback) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("To", to);
		form.put("From", "+15005550006");
		form.put("Body", body);
		if (statusCallback != null) {
			form.put("StatusCallback", statusCallback);
		}
		return form;
	}

	private Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status the status
	 * @param body the body
	 * @param headers the headers
	 */
	public record Answer(int status, String body, Map<String, List<String>> headers) {

		public Map<String, Object> json() {
			try {
				return TwilioClient.json.readValue(this.body, new TypeReference<Map<String, Object>>() {
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		public List<Map<String, Object>> jsonArray() {
			try {
				return TwilioClient.json.readValue(this.body, new TypeReference<List<Map<String, Object>>>() {
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.flatMap((entry) -> entry.getValue().stream())
				.findFirst()
				.orElse(null);
		}

	}

}
