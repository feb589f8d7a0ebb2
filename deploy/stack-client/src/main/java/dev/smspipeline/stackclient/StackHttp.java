package dev.smspipeline.stackclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JDK HTTP client with short timeouts and JSON in and out, for the stack's management
 * and query endpoints (not for load: a request costs far more CPU here than on a plain
 * socket). Failures are {@link HttpFailure}s, so a caller polling a part that is down can
 * tell "down" from a bug.
 */
public final class StackHttp {

	/** The one JSON mapper of the stack's clients. */
	public static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(3))
		.build();

	private final String bearer;

	/**
	 * Creates a client.
	 * @param apiKey sent as {@code Authorization: Bearer} to every request, or
	 * {@code null}
	 */
	public StackHttp(String apiKey) {
		this.bearer = (apiKey != null) ? "Bearer " + apiKey : null;
	}

	/**
	 * GETs a JSON answer.
	 * @param url the URL
	 * @param timeout how long to wait for the answer
	 * @return the answer, a null node when empty
	 */
	public JsonNode getJson(String url, Duration timeout) {
		return json(send(builder(url, timeout).GET(), 200));
	}

	/**
	 * POSTs a JSON body.
	 * @param url the URL
	 * @param body written as JSON
	 * @param timeout how long to wait for the answer
	 * @param expected the status code that counts as success
	 * @return the answer, a null node when empty
	 */
	public JsonNode postJson(String url, Object body, Duration timeout, int expected) {
		return json(send(builder(url, timeout).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(write(body))), expected));
	}

	/**
	 * POSTs a body as it is, e.g. a CSV upload.
	 * @param url the URL
	 * @param contentType the body's media type
	 * @param body the bytes
	 * @param timeout how long to wait for the answer
	 * @param expected the status code that counts as success
	 * @return the answer, a null node when empty
	 */
	public JsonNode postBytes(String url, String contentType, byte[] body, Duration timeout, int expected) {
		return json(send(builder(url, timeout).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)), expected));
	}

	/**
	 * DELETEs, expecting 200.
	 * @param url the URL
	 * @param timeout how long to wait for the answer
	 * @return the answer, a null node when empty
	 */
	public JsonNode delete(String url, Duration timeout) {
		return delete(url, timeout, 200);
	}

	/**
	 * DELETEs.
	 * @param url the URL
	 * @param timeout how long to wait for the answer
	 * @param expected the status code that counts as success
	 * @return the answer, a null node when empty
	 */
	public JsonNode delete(String url, Duration timeout, int expected) {
		return json(send(builder(url, timeout).DELETE(), expected));
	}

	/**
	 * The status code of a GET, whatever it is.
	 * @param url the URL
	 * @param timeout how long to wait for the answer
	 * @return the status code; throws {@link HttpFailure} only when nothing answered
	 */
	public int statusOf(String url, Duration timeout) {
		HttpRequest request = builder(url, timeout).GET().build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new HttpFailure("GET " + url + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HttpFailure("interrupted", ex);
		}
	}

	/**
	 * Streams a GET answer to a reader; the stream is closed afterwards.
	 * @param url the URL
	 * @param timeout how long to wait for the answer to start
	 * @param reader reads the body
	 */
	public void getStream(String url, Duration timeout, StreamReader reader) {
		HttpResponse<InputStream> response;
		try {
			response = this.client.send(builder(url, timeout).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw new HttpFailure("GET " + url + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HttpFailure("interrupted", ex);
		}
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new HttpFailure("GET " + url + " answered " + response.statusCode(), null);
			}
			reader.read(body);
		}
		catch (IOException ex) {
			throw new HttpFailure("GET " + url + ": " + ex, ex);
		}
	}

	private HttpRequest.Builder builder(String url, Duration timeout) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
			.timeout(timeout)
			.header("Accept", "application/json");
		if (this.bearer != null) {
			builder.header("Authorization", this.bearer);
		}
		return builder;
	}

	private String send(HttpRequest.Builder request, int expected) {
		HttpRequest built = request.build();
		HttpResponse<String> response;
		try {
			response = this.client.send(built, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new HttpFailure(built.method() + " " + built.uri() + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HttpFailure("interrupted", ex);
		}
		if (response.statusCode() != expected) {
			String body = response.body();
			throw new HttpFailure(built.method() + " " + built.uri() + " answered " + response.statusCode() + ": "
					+ ((body.length() > 500) ? body.substring(0, 500) + "…" : body), null);
		}
		return response.body();
	}

	private static JsonNode json(String body) {
		try {
			return (body == null || body.isBlank()) ? JSON.nullNode() : JSON.readTree(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] write(Object body) {
		try {
			return JSON.writeValueAsBytes(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a streamed body.
	 */
	@FunctionalInterface
	public interface StreamReader {

		/**
		 * Reads the body.
		 * @param body the answer's body, closed by the caller
		 * @throws IOException when reading fails
		 */
		void read(InputStream body) throws IOException;

	}

	/**
	 * A request that failed: no connection, a timeout, or an unexpected status.
	 */
	public static final class HttpFailure extends RuntimeException {

		HttpFailure(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
