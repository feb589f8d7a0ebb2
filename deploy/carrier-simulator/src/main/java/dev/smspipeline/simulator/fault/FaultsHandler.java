package dev.smspipeline.simulator.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import dev.smspipeline.simulator.http.Exchanges;
import dev.smspipeline.simulator.http.Json;
import dev.smspipeline.simulator.http.TwilioError;

/**
 * {@code /sim/faults}: switches carrier faults on and off.
 * <ul>
 * <li>{@code POST} with JSON {@code {"mode": "ERROR_500" | "TIMEOUT" | "NONE",
 * "durationSeconds": 30, "timeoutDelayMillis": 15000}} switches a fault on (replacing any
 * other) for {@code durationSeconds} (absent or 0: until switched off); {@code NONE}
 * switches it off.</li>
 * <li>{@code DELETE} switches any fault off.</li>
 * <li>{@code GET} shows the fault in force.</li>
 * </ul>
 * Every answer is the fault in force: {@code mode}, {@code active}, {@code since},
 * {@code until}, {@code remainingSeconds}, {@code timeoutDelayMillis}, and the counters
 * {@code erroredCreates} and {@code heldCreates}. Malformed input answers 400
 * (Twilio-shaped, code 20001) and changes nothing.
 */
public final class FaultsHandler {

	/** The path. */
	public static final String PATH = "/sim/faults";

	private static final Set<String> FIELDS = Set.of("mode", "durationSeconds", "timeoutDelayMillis");

	private final FaultSwitch faults;

	public FaultsHandler(FaultSwitch faults) {
		this.faults = faults;
	}

	public void get(HttpExchange exchange, Matcher path) throws IOException {
		answer(exchange);
	}

	public void delete(HttpExchange exchange, Matcher path) throws IOException {
		exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
		this.faults.switchOff();
		answer(exchange);
	}

	public void post(HttpExchange exchange, Matcher path) throws IOException {
		String text = new String(Exchanges.readBody(exchange), StandardCharsets.UTF_8);
		try {
			Request request = parse(text);
			this.faults.switchOn(request.mode(), request.duration(), request.timeoutDelay(),
					System.currentTimeMillis());
		}
		catch (IllegalArgumentException ex) {
			Exchanges.sendError(exchange, new TwilioError(400, 20001, ex.getMessage()));
			return;
		}
		answer(exchange);
	}

	/**
	 * Reads a request body.
	 * @param text the JSON body
	 * @return the request
	 * @throws IllegalArgumentException when it is malformed, naming the field
	 */
	static Request parse(String text) {
		JsonNode node;
		try {
			node = Json.MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Malformed JSON body", ex);
		}
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException(
					"The body must be a JSON object such as " + "{\"mode\": \"ERROR_500\", \"durationSeconds\": 30}");
		}
		for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!FIELDS.contains(name)) {
				throw new IllegalArgumentException(
						"Unknown field '" + name + "'; fields are mode, durationSeconds, timeoutDelayMillis");
			}
		}
		JsonNode mode = node.path("mode");
		if (!mode.isTextual()) {
			throw new IllegalArgumentException("mode is required: NONE, ERROR_500 or TIMEOUT");
		}
		return new Request(FaultMode.parse(mode.asText()), millis(node, "durationSeconds", 1000),
				millis(node, "timeoutDelayMillis", 1));
	}

	private static Duration millis(JsonNode body, String field, long millisPerUnit) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber() || value.asDouble() < 0) {
			throw new IllegalArgumentException(field + " must be a number, 0 or more");
		}
		return Duration.ofMillis(Math.round(value.asDouble() * millisPerUnit));
	}

	private void answer(HttpExchange exchange) throws IOException {
		long now = System.currentTimeMillis();
		Map<String, Object> body = this.faults.current(now).describe(now);
		body.put("erroredCreates", this.faults.erroredCreates());
		body.put("heldCreates", this.faults.heldCreates());
		Exchanges.sendJson(exchange, 200, body);
	}

	/**
	 * A request to switch a fault.
	 *
	 * @param mode the mode
	 * @param duration how long, or {@code null} / zero for until switched off
	 * @param timeoutDelay how long a TIMEOUT holds answers, or {@code null} for the
	 * default
	 */
	record Request(FaultMode mode, Duration duration, Duration timeoutDelay) {
	}

}
