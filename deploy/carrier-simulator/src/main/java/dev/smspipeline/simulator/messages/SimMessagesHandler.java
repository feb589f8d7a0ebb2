package dev.smspipeline.simulator.messages;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.regex.Matcher;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

import dev.smspipeline.simulator.http.Exchanges;
import dev.smspipeline.simulator.http.Json;

/**
 * {@code GET /sim/messages} lists every create request received, in arrival order
 * ({@code ?to=} keeps one recipient's); {@code DELETE /sim/messages} clears the log and
 * the per-number state.
 */
public final class SimMessagesHandler {

	/** The path. */
	public static final String PATH = "/sim/messages";

	private final MessageLog log;

	private final Runnable clear;

	/**
	 * Creates the handler.
	 * @param log the log to list
	 * @param clear clears the log and every per-number state
	 */
	public SimMessagesHandler(MessageLog log, Runnable clear) {
		this.log = log;
		this.clear = clear;
	}

	public void list(HttpExchange exchange, Matcher path) throws IOException {
		String to = Exchanges.query(exchange).get("to");
		if (to != null) {
			to = to.strip();
			if (!to.isEmpty() && Character.isDigit(to.charAt(0))) {
				// an unencoded '+' in a query string arrives as a space
				to = "+" + to;
			}
		}
		List<ReceivedMessage> messages = this.log.snapshot();
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody();
				JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
			json.writeStartArray();
			for (ReceivedMessage message : messages) {
				if (to == null || to.equals(message.to())) {
					write(json, message);
				}
			}
			json.writeEndArray();
		}
	}

	public void delete(HttpExchange exchange, Matcher path) throws IOException {
		this.clear.run();
		Exchanges.send(exchange, 204, null);
	}

	private static void write(JsonGenerator json, ReceivedMessage message) throws IOException {
		json.writeStartObject();
		json.writeNumberField("receivedAt", message.receivedAt());
		json.writeStringField("to", message.to());
		json.writeStringField("from", message.from());
		json.writeStringField("body", message.body());
		json.writeStringField("idempotencyKey", message.idempotencyKey());
		json.writeStringField("outcome", message.outcome().wireName());
		json.writeStringField("sid", message.sid());
		json.writeNumberField("httpStatus", message.httpStatus());
		json.writeFieldName("errorCode");
		if (message.errorCode() != null) {
			json.writeNumber(message.errorCode());
		}
		else {
			json.writeNull();
		}
		json.writeStringField("statusCallback", message.statusCallback());
		json.writeStringField("fault", (message.fault() != null) ? message.fault().name() : null);
		json.writeEndObject();
	}

}
