package dev.smspipeline.stackclient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Parses the carrier simulator's log of create requests ({@code GET /sim/messages}, a
 * JSON array of objects), streaming, keeping only the entries a filter wants: a log of
 * hundreds of thousands of creates is never held as a tree.
 */
public final class CarrierLog {

	private CarrierLog() {
	}

	/**
	 * Reads a log.
	 * @param json the log, a JSON array
	 * @param keep which entries to keep
	 * @return the kept entries, in the log's order
	 * @throws IOException when the log is not a JSON array of objects
	 */
	public static List<CarrierEntry> parse(InputStream json, Predicate<CarrierEntry> keep) throws IOException {
		List<CarrierEntry> entries = new ArrayList<>();
		try (JsonParser parser = StackHttp.JSON.getFactory().createParser(json)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new IOException("GET /sim/messages did not answer a JSON array");
			}
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				CarrierEntry entry = entry(parser);
				if (keep.test(entry)) {
					entries.add(entry);
				}
			}
		}
		return entries;
	}

	private static CarrierEntry entry(JsonParser parser) throws IOException {
		long receivedAt = 0;
		String to = null;
		String outcome = null;
		String idempotencyKey = null;
		String statusCallback = null;
		String fault = null;
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
				parser.skipChildren();
				continue;
			}
			switch (field) {
				case "receivedAt" -> receivedAt = parser.getValueAsLong();
				case "to" -> to = parser.getValueAsString();
				case "outcome" -> outcome = parser.getValueAsString();
				case "idempotencyKey" -> idempotencyKey = parser.getValueAsString();
				case "statusCallback" -> statusCallback = parser.getValueAsString();
				case "fault" -> fault = parser.getValueAsString();
				default -> {
				}
			}
		}
		return new CarrierEntry(receivedAt, to, outcome, idempotencyKey, queryParameter(statusCallback, "messageId"),
				fault);
	}

	/**
	 * One query parameter of a URL, decoded.
	 * @param url the URL, or {@code null}
	 * @param name the parameter
	 * @return its first value, or {@code null} when the URL has none
	 */
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
				return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

}
