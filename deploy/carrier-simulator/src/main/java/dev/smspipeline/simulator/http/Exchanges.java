package dev.smspipeline.simulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * Small helpers to read requests and write answers on the JDK HTTP server.
 */
public final class Exchanges {

	/** Largest request body the simulator reads. */
	public static final int MAX_BODY_BYTES = 256 * 1024;

	private static final String JSON = "application/json; charset=utf-8";

	private Exchanges() {
	}

	/**
	 * Reads the whole request body.
	 * @param exchange the exchange
	 * @return the body bytes
	 * @throws IOException on a read failure
	 * @throws BodyTooLargeException when the body is over {@link #MAX_BODY_BYTES}
	 */
	public static byte[] readBody(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
			if (body.length > MAX_BODY_BYTES) {
				throw new BodyTooLargeException();
			}
			return body;
		}
	}

	/**
	 * Parses {@code application/x-www-form-urlencoded} data; the first value of a
	 * repeated name wins.
	 * @param form the encoded form
	 * @return the fields in their order
	 */
	public static Map<String, String> parseForm(String form) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (form == null || form.isEmpty()) {
			return fields;
		}
		int start = 0;
		int length = form.length();
		while (start <= length) {
			int end = form.indexOf('&', start);
			if (end < 0) {
				end = length;
			}
			if (end > start) {
				String pair = form.substring(start, end);
				int eq = pair.indexOf('=');
				String name = decode((eq < 0) ? pair : pair.substring(0, eq));
				String value = (eq < 0) ? "" : decode(pair.substring(eq + 1));
				fields.putIfAbsent(name, value);
			}
			start = end + 1;
		}
		return fields;
	}

	/**
	 * Encodes fields as {@code application/x-www-form-urlencoded}.
	 * @param fields the fields
	 * @return the encoded form
	 */
	public static String encodeForm(Map<String, String> fields) {
		StringBuilder form = new StringBuilder(128);
		for (Map.Entry<String, String> field : fields.entrySet()) {
			if (form.length() > 0) {
				form.append('&');
			}
			form.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode((field.getValue() != null) ? field.getValue() : "", StandardCharsets.UTF_8));
		}
		return form.toString();
	}

	/**
	 * The query parameters of the request URI.
	 * @param exchange the exchange
	 * @return the decoded parameters
	 */
	public static Map<String, String> query(HttpExchange exchange) {
		return parseForm(exchange.getRequestURI().getRawQuery());
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

	public static void sendJson(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", JSON);
		send(exchange, status, body);
	}

	public static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
		sendJson(exchange, status, Json.write(body));
	}

	public static void sendError(HttpExchange exchange, TwilioError error) throws IOException {
		Headers headers = exchange.getResponseHeaders();
		if (error.retryAfterSeconds() != null) {
			headers.set("Retry-After", Integer.toString(error.retryAfterSeconds()));
		}
		if (error.status() == 401) {
			headers.set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
		}
		sendJson(exchange, error.status(), error.toBody());
	}

	/**
	 * Sends an answer with a fixed length, or none for statuses that have no body.
	 * @param exchange the exchange
	 * @param status the HTTP status
	 * @param body the body
	 * @throws IOException on a write failure
	 */
	public static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		if (status == 204 || status == 304 || body == null || body.length == 0) {
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
			return;
		}
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * Thrown when a request body is over {@link #MAX_BODY_BYTES}.
	 */
	public static final class BodyTooLargeException extends IOException {

		public BodyTooLargeException() {
			super("Request body larger than " + MAX_BODY_BYTES + " bytes");
		}

	}

}
