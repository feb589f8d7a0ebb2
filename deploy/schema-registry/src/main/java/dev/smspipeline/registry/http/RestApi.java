package dev.smspipeline.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smspipeline.registry.store.SchemaVersion;
import dev.smspipeline.registry.store.StoreException;
import dev.smspipeline.registry.subjects.RegistryError;
import dev.smspipeline.registry.subjects.Subjects;

/**
 * Routes the Confluent REST API onto {@link Subjects}. Answers are
 * {@code application/vnd.schemaregistry.v1+json}; errors are Confluent's
 * {@code {"error_code":40401,"message":"..."}}.
 *
 * <pre>
 * GET  /                                   GET  /health
 * GET  /schemas/types                      GET  /schemas/ids/{id}[/versions]
 * GET  /subjects                           POST /subjects/{subject}            (lookup)
 * GET  /subjects/{subject}/versions        POST /subjects/{subject}/versions   (register)
 * GET  /subjects/{subject}/versions/{v}[/schema]
 * POST /compatibility/subjects/{subject}/versions[/{v}]
 * GET|PUT /config                          GET|PUT /config/{subject}
 * </pre>
 */
public final class RestApi implements HttpHandler {

	/** The content type of every answer. */
	public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final Logger log = LoggerFactory.getLogger(RestApi.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Subjects subjects;

	public RestApi(Subjects subjects) {
		this.subjects = subjects;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Object answer;
			int status = 200;
			try {
				answer = route(new Request(exchange));
			}
			catch (RegistryError ex) {
				status = ex.httpStatus();
				answer = error(ex.errorCode(), ex.getMessage());
			}
			catch (JsonProcessingException ex) {
				status = 400;
				answer = error(400, "Malformed JSON: " + ex.getOriginalMessage());
			}
			catch (StoreException ex) {
				log.error("Cannot store: {}", ex.getMessage());
				status = 500;
				answer = error(50001, "Error in the backend data store: " + ex.getMessage());
			}
			catch (RuntimeException ex) {
				log.error("Failed to answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), ex);
				status = 500;
				answer = error(500, "Internal error: " + ex);
			}
			byte[] body = (answer instanceof RawJson raw) ? raw.json().getBytes(StandardCharsets.UTF_8)
					: JSON.writeValueAsBytes(answer);
			exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private Object route(Request request) throws IOException {
		List<String> path = request.path;
		if (path.isEmpty()) {
			request.expect("GET");
			return Map.of();
		}
		return switch (path.get(0)) {
			case "health" -> health(request);
			case "schemas" -> schemas(request);
			case "subjects" -> subjects(request);
			case "compatibility" -> compatibility(request);
			case "config" -> config(request);
			default -> throw notFound();
		};
	}

	private Object health(Request request) {
		if (request.path.size() != 1) {
			throw notFound();
		}
		request.expect("GET");
		return Map.of("status", "UP");
	}

	private Object schemas(Request request) {
		List<String> path = request.path;
		if (path.size() == 2 && path.get(1).equals("types")) {
			request.expect("GET");
			return List.of("AVRO");
		}
		if (path.size() < 3 || path.size() > 4 || !path.get(1).equals("ids")
				|| (path.size() == 4 && !path.get(3).equals("versions"))) {
			throw notFound();
		}
		request.expect("GET");
		int id = id(path.get(2));
		if (path.size() == 3) {
			return Map.of("schema", this.subjects.schema(id));
		}
		return this.subjects.versionsWithId(id)
			.stream()
			.map((version) -> ordered("subject", version.subject(), "version", version.version()))
			.toList();
	}

	private Object subjects(Request request) throws IOException {
		List<String> path = request.path;
		if (path.size() == 1) {
			request.expect("GET");
			return this.subjects.subjects();
		}
		String subject = path.get(1);
		if (path.size() == 2) {
			request.expect("POST");
			return describe(this.subjects.lookup(subject, request.schema()));
		}
		if (!path.get(2).equals("versions") || path.size() > 5 || (path.size() == 5 && !path.get(4).equals("schema"))) {
			throw notFound();
		}
		if (path.size() == 3) {
			if (request.method.equals("POST")) {
				return Map.of("id", this.subjects.register(subject, request.schema()).id());
			}
			request.expect("GET");
			return this.subjects.versions(subject);
		}
		request.expect("GET");
		SchemaVersion version = this.subjects.version(subject, path.get(3));
		return (path.size() == 4) ? describe(version) : new RawJson(this.subjects.schema(version.id()));
	}

	private Object compatibility(Request request) throws IOException {
		List<String> path = request.path;
		if (path.size() < 4 || path.size() > 5 || !path.get(1).equals("subjects") || !path.get(3).equals("versions")) {
			throw notFound();
		}
		request.expect("POST");
		String version = (path.size() == 5) ? path.get(4) : "latest";
		List<String> problems = this.subjects.compatibilityProblems(path.get(2), version, request.schema());
		Map<String, Object> answer = ordered("is_compatible", problems.isEmpty());
		if (Boolean.parseBoolean(request.query.get("verbose"))) {
			answer.put("messages", problems);
		}
		return answer;
	}

	private Object config(Request request) throws IOException {
		List<String> path = request.path;
		if (path.size() > 2) {
			throw notFound();
		}
		String subject = (path.size() == 2) ? path.get(1) : null;
		if (request.method.equals("PUT")) {
			JsonNode body = request.json();
			String level = body.path("compatibility").asText(body.path("compatibilityLevel").asText(null));
			return Map.of("compatibility", this.subjects.updateLevel(subject, level).name());
		}
		request.expect("GET");
		return Map.of("compatibilityLevel",
				((subject != null)
						? this.subjects.subjectLevel(subject,
								Boolean.parseBoolean(request.query.get("defaultToGlobal")))
						: this.subjects.globalLevel())
					.name());
	}

	private static Map<String, Object> describe(SchemaVersion version) {
		return ordered("subject", version.subject(), "version", version.version(), "id", version.id(), "schema",
				version.schema());
	}

	private static Map<String, Object> error(int code, String message) {
		return ordered("error_code", code, "message", message);
	}

	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static int id(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw RegistryError.schemaNotFound(text);
		}
	}

	private static RegistryError notFound() {
		return new RegistryError(404, 404, "HTTP 404 Not Found");
	}

	/** JSON to send as it is: a schema. */
	private record RawJson(String json) {
	}

	/** One HTTP request: method, decoded path segments, query, and the body on demand. */
	private static final class Request {

		private final String method;

		private final List<String> path;

		private final Map<String, String> query;

		private final InputStream body;

		Request(HttpExchange exchange) {
			this.method = exchange.getRequestMethod();
			this.path = Arrays.stream(exchange.getRequestURI().getRawPath().split("/"))
				.filter((segment) -> !segment.isEmpty())
				.map(Request::decode)
				.toList();
			this.query = new HashMap<>();
			String rawQuery = exchange.getRequestURI().getRawQuery();
			if (rawQuery != null) {
				for (String parameter : rawQuery.split("&")) {
					int equals = parameter.indexOf('=');
					if (equals > 0) {
						this.query.put(decode(parameter.substring(0, equals)), decode(parameter.substring(equals + 1)));
					}
				}
			}
			this.body = exchange.getRequestBody();
		}

		void expect(String expected) {
			if (!this.method.equals(expected)) {
				throw new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
			}
		}

		JsonNode json() throws IOException {
			JsonNode json = JSON.readTree(this.body);
			if (json == null || !json.isObject()) {
				throw new RegistryError(422, 422, "Expected a JSON object");
			}
			return json;
		}

		/** The Avro schema in a {@code {"schema":"...","schemaType":"AVRO"}} body. */
		String schema() throws IOException {
			JsonNode json = json();
			String type = json.path("schemaType").asText("AVRO");
			if (!type.equals("AVRO")) {
				throw RegistryError.invalidSchema("schema type " + type + " is not supported, only AVRO");
			}
			if (json.path("references").size() > 0) {
				throw RegistryError.invalidSchema("schema references are not supported");
			}
			return json.path("schema").asText(null);
		}

		private static String decode(String text) {
			return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
		}

	}

}
