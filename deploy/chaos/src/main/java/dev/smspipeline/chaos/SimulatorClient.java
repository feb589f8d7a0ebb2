package dev.smspipeline.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The carrier simulator's own endpoints: {@code /sim/faults}, {@code /sim/stats} and the
 * log of create requests, {@code /sim/messages}.
 */
final class SimulatorClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Http http = new Http(null);

	private final String baseUrl;

	SimulatorClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Switches a fault on for a while.
	 * @param mode {@code ERROR_500} or {@code TIMEOUT}
	 * @param duration how long
	 * @return the simulator's answer
	 */
	JsonNode switchOn(String mode, Duration duration) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mode", mode);
		body.put("durationSeconds", duration.toMillis() / 1000.0);
		return this.http.postJson(this.baseUrl + "/sim/faults", body, TIMEOUT, 200);
	}

	JsonNode switchOff() {
		return this.http.delete(this.baseUrl + "/sim/faults", TIMEOUT);
	}

	/**
	 * {@code DELETE /sim/messages}: empties the log and the per-number state (rate
	 * windows, idempotency keys), so the simulator's memory does not grow from run to
	 * run.
	 */
	void clearLog() {
		this.http.delete(this.baseUrl + "/sim/messages", TIMEOUT, 204);
	}

	String faultMode() {
		return this.http.getJson(this.baseUrl + "/sim/faults", TIMEOUT).path("mode").asText();
	}

	/**
	 * Creates the simulator accepted since it started (or its log was cleared).
	 * @return the count
	 */
	long acceptedCount() {
		return this.http.getJson(this.baseUrl + "/sim/stats", TIMEOUT).path("outcomes").path("accepted").asLong();
	}

	/**
	 * The logged creates to the given recipients received at or after {@code since}.
	 * @param recipients the numbers of interest
	 * @param since epoch milliseconds
	 * @return the entries, in arrival order
	 */
	List<CarrierEntry> entries(Set<String> recipients, long since) {
		List<CarrierEntry> entries = new ArrayList<>();
		this.http.getStream(this.baseUrl + "/sim/messages", Duration.ofSeconds(120), (body) -> {
			try (JsonParser parser = Http.JSON.getFactory().createParser(body)) {
				if (parser.nextToken() != JsonToken.START_ARRAY) {
					throw new IOException("GET /sim/messages is not a JSON array");
				}
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					JsonNode entry = Http.JSON.readTree(parser);
					String to = entry.path("to").asText(null);
					long receivedAt = entry.path("receivedAt").asLong();
					if (to != null && receivedAt >= since && recipients.contains(to)) {
						entries.add(new CarrierEntry(receivedAt, to, text(entry, "idempotencyKey"),
								text(entry, "outcome"), text(entry, "fault")));
					}
				}
			}
		});
		return entries;
	}

	private static String text(JsonNode entry, String field) {
		JsonNode value = entry.path(field);
		return (value.isMissingNode() || value.isNull()) ? null : value.asText();
	}

}
