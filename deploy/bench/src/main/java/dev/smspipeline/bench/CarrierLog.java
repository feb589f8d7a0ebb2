package dev.smspipeline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the carrier simulator's log of create requests ({@code GET /sim/messages}),
 * streaming, keeping the entries a filter wants.
 */
final class CarrierLog {

	private CarrierLog() {
	}

	static List<CarrierEntry> read(String carrierUrl, Predicate<CarrierEntry> keep)
			throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(carrierUrl + "/sim/messages"))
			.timeout(Duration.ofMinutes(2))
			.GET()
			.build();
		HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			throw new IOException("GET /sim/messages answered " + response.statusCode());
		}
		try (InputStream body = response.body()) {
			return parse(body, keep);
		}
	}

	static List<CarrierEntry> parse(InputStream json, Predicate<CarrierEntry> keep) throws IOException {
		List<CarrierEntry> entries = new ArrayList<>();
		try (JsonParser parser = new JsonFactory().createParser(json)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new IOException("GET /sim/messages did not answer a JSON array");
			}
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				long receivedAt = 0;
				String to = null;
				String outcome = null;
				String idempotencyKey = null;
				String statusCallback = null;
				while (parser.nextToken() == JsonToken.FIELD_NAME) {
					String field = parser.currentName();
					JsonToken value = parser.nextToken();
					if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
						parser.skipChildren();
						continue;
					}
					switch (field) {
						case "receivedAt" -> receivedAt = parser.getLongValue();
						case "to" -> to = parser.getValueAsString();
						case "outcome" -> outcome = parser.getValueAsString();
						case "idempotencyKey" -> idempotencyKey = parser.getValueAsString();
						case "statusCallback" -> statusCallback = parser.getValueAsString();
						default -> {
						}
					}
				}
				String messageId = (idempotencyKey != null) ? idempotencyKey
						: queryParameter(statusCallback, "messageId");
				CarrierEntry entry = new CarrierEntry(receivedAt, to, outcome, messageId);
				if (keep.test(entry)) {
					entries.add(entry);
				}
			}
		}
		return entries;
	}

	static String queryParameter(String url, String name) {
		if (url == null) {
			return null;
		}
		int query = url.indexOf('?');
		if (query < 0) {
			return null;
		}
		for (String pair : url.substring(query + 1).split("&")) {
			if (pair.startsWith(name + "=")) {
				return java.net.URLDecoder.decode(pair.substring(name.length() + 1),
						java.nio.charset.StandardCharsets.UTF_8);
			}
		}
		return null;
	}

}
