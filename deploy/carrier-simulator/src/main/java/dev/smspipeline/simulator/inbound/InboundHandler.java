package dev.smspipeline.simulator.inbound;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import dev.smspipeline.simulator.callback.CallbackDispatcher;
import dev.smspipeline.simulator.callback.StatusCallbacks;
import dev.smspipeline.simulator.http.Exchanges;
import dev.smspipeline.simulator.http.Json;
import dev.smspipeline.simulator.http.TwilioError;
import dev.smspipeline.simulator.messages.Segments;
import dev.smspipeline.simulator.messages.Sids;

/**
 * {@code POST /sim/inbound}: a lead texts the account. Takes {@code From}, {@code To} and
 * {@code Body} (form or JSON), posts Twilio's incoming-message webhook, signed, to the
 * configured inbound URL, and answers with the receiver's status code and a JSON summary
 * ({@code messageSid}, {@code webhookUrl}, {@code webhookStatus}, {@code webhookBody}).
 * An unreachable receiver answers 502 with Twilio's error 11200.
 */
public final class InboundHandler {

	/** The path. */
	public static final String PATH = "/sim/inbound";

	private final String accountSid;

	private final URI webhookUrl;

	private final CallbackDispatcher dispatcher;

	public InboundHandler(String accountSid, URI webhookUrl, CallbackDispatcher dispatcher) {
		this.accountSid = accountSid;
		this.webhookUrl = webhookUrl;
		this.dispatcher = dispatcher;
	}

	public void handle(HttpExchange exchange, Matcher path) throws IOException {
		Map<String, String> fields = fields(exchange);
		if (fields == null) {
			Exchanges.sendError(exchange, new TwilioError(400, 20001, "Malformed JSON body"));
			return;
		}
		String from = fields.get("From");
		String to = fields.get("To");
		if (from == null || from.isBlank()) {
			Exchanges.sendError(exchange, new TwilioError(400, 21603, "A 'From' phone number is required."));
			return;
		}
		if (to == null || to.isBlank()) {
			Exchanges.sendError(exchange, new TwilioError(400, 21604, "A 'To' phone number is required."));
			return;
		}
		String body = fields.getOrDefault("Body", "");
		String sid = Sids.newMessageSid();
		Map<String, String> params = new LinkedHashMap<>();
		params.put("MessageSid", sid);
		params.put("SmsMessageSid", sid);
		params.put("SmsSid", sid);
		params.put("AccountSid", this.accountSid);
		params.put("From", from.strip());
		params.put("To", to.strip());
		params.put("Body", body);
		params.put("NumMedia", "0");
		params.put("NumSegments", Integer.toString(Segments.count(body)));
		params.put("SmsStatus", "received");
		params.put("ApiVersion", StatusCallbacks.API_VERSION);
		CallbackDispatcher.Answer response;
		try {
			response = this.dispatcher.post(this.webhookUrl, params);
		}
		catch (IOException ex) {
			Exchanges.sendError(exchange, new TwilioError(502, 11200,
					"HTTP retrieval failure: " + this.webhookUrl + ": " + ex.getClass().getSimpleName()));
			return;
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("messageSid", sid);
		summary.put("webhookUrl", this.webhookUrl.toString());
		summary.put("webhookStatus", response.statusCode());
		summary.put("webhookBody", response.body());
		exchange.getResponseHeaders().set("X-Sim-Message-Sid", sid);
		Exchanges.sendJson(exchange, response.statusCode(), summary);
	}

	private static Map<String, String> fields(HttpExchange exchange) throws IOException {
		String text = new String(Exchanges.readBody(exchange), StandardCharsets.UTF_8);
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		boolean json = (contentType != null) ? contentType.toLowerCase().contains("json")
				: text.stripLeading().startsWith("{");
		if (!json) {
			return Exchanges.parseForm(text);
		}
		try {
			JsonNode node = Json.MAPPER.readTree(text);
			if (node == null || !node.isObject()) {
				return null;
			}
			Map<String, String> fields = new LinkedHashMap<>();
			node.fields().forEachRemaining((field) -> {
				if (!field.getValue().isNull()) {
					fields.put(field.getKey(), field.getValue().asText());
				}
			});
			return fields;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
