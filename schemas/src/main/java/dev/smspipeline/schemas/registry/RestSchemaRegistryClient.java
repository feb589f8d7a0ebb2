package dev.smspipeline.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistryClient} over the registry's REST API, on
 * {@link java.net.http.HttpClient} and Jackson. Thread-safe; keep one per application.
 *
 * <p>
 * Answers are cached both ways, forever: schema to id per subject, id to schema. Given
 * several URLs, a request that cannot reach one tries the next, and the client sticks to
 * the last one that answered.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

	/** Default time to open a connection. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** Default time for a whole request. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	/** The content type of the registry's API, version 1. */
	public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final List<String> urls;

	private final Duration requestTimeout;

	private final HttpClient http;

	private final AtomicInteger preferredUrl = new AtomicInteger();

	private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

	private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

	/**
	 * A client with the default timeouts.
	 * @param urls the registry's base URL, or several separated by commas
	 */
	public RestSchemaRegistryClient(String urls) {
		this(urls, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
	}

	/**
	 * A client.
	 * @param urls the registry's base URL, or several separated by commas
	 * @param connectTimeout time to open a connection
	 * @param requestTimeout time for a whole request
	 */
	public RestSchemaRegistryClient(String urls, Duration connectTimeout, Duration requestTimeout) {
		this.urls = parseUrls(urls);
		this.requestTimeout = requestTimeout;
		this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
	}

	private static List<String> parseUrls(String urls) {
		List<String> parsed = (urls != null) ? Arrays.stream(urls.split(","))
			.map(String::trim)
			.filter((url) -> !url.isEmpty())
			.map((url) -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
			.toList() : List.of();
		if (parsed.isEmpty()) {
			throw new IllegalArgumentException("No schema registry URL given");
		}
		parsed.forEach((url) -> URI.create(url + "/"));
		return parsed;
	}

	/** The registry's base URLs, as given. */
	public List<String> urls() {
		return this.urls;
	}

	@Override
	public int register(String subject, Schema schema) {
		return idOf(subject, schema, "/subjects/" + segment(subject) + "/versions");
	}

	@Override
	public Schema getById(int id) {
		Schema cached = this.schemasById.get(id);
		if (cached != null) {
			return cached;
		}
		JsonNode answer = send("GET", "/schemas/ids/" + id, null);
		Schema schema = parse(answer, "schema " + id);
		Schema earlier = this.schemasById.putIfAbsent(id, schema);
		return (earlier != null) ? earlier : schema;
	}

	@Override
	public int lookup(String subject, Schema schema) {
		return idOf(subject, schema, "/subjects/" + segment(subject));
	}

	@Override
	public List<Integer> versions(String subject) {
		JsonNode answer = send("GET", "/subjects/" + segment(subject) + "/versions", null);
		List<Integer> versions = new ArrayList<>();
		answer.forEach((version) -> versions.add(version.asInt()));
		return List.copyOf(versions);
	}

	@Override
	public boolean isCompatible(String subject, Schema schema) {
		JsonNode answer = send("POST", "/compatibility/subjects/" + segment(subject) + "/versions/latest",
				schemaBody(schema));
		return answer.path("is_compatible").asBoolean();
	}

	/** Every subject with at least one version ({@code GET /subjects}). */
	public List<String> subjects() {
		JsonNode answer = send("GET", "/subjects", null);
		List<String> subjects = new ArrayList<>();
		answer.forEach((subject) -> subjects.add(subject.asText()));
		return List.copyOf(subjects);
	}

	/** The registry's global compatibility level ({@code GET /config}). */
	public CompatibilityLevel compatibility() {
		return CompatibilityLevel.forName(send("GET", "/config", null).path("compatibilityLevel").asText());
	}

	/**
	 * The level that applies to {@code subject}: its own, else the global one ({@code GET
	 * /config/{subject}?defaultToGlobal=true}).
	 */
	public CompatibilityLevel compatibility(String subject) {
		return CompatibilityLevel.forName(
				send("GET", "/config/" + segment(subject) + "?defaultToGlobal=true", null).path("compatibilityLevel")
					.asText());
	}

	/** Sets the global compatibility level ({@code PUT /config}). */
	public void updateCompatibility(CompatibilityLevel level) {
		send("PUT", "/config", compatibilityBody(level));
	}

	/** Sets {@code subject}'s own compatibility level ({@code PUT /config/{subject}}). */
	public void updateCompatibility(String subject, CompatibilityLevel level) {
		send("PUT", "/config/" + segment(subject), compatibilityBody(level));
	}

	private int idOf(String subject, Schema schema, String path) {
		Map<Schema, Integer> ids = this.idsBySubject.computeIfAbsent(subject, (key) -> new ConcurrentHashMap<>());
		Integer cached = ids.get(schema);
		if (cached != null) {
			return cached;
		}
		JsonNode answer = send("POST", path, schemaBody(schema));
		if (!answer.path("id").canConvertToInt()) {
			throw new SchemaRegistryException("Schema registry answered POST " + path + " without an id: " + answer,
					null);
		}
		int id = answer.path("id").asInt();
		ids.put(schema, id);
		this.schemasById.putIfAbsent(id, schema);
		return id;
	}

	private static String schemaBody(Schema schema) {
		return json(Map.of("schema", schema.toString()));
	}

	private static String compatibilityBody(CompatibilityLevel level) {
		return json(Map.of("compatibility", level.name()));
	}

	private static String json(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String segment(String subject) {
		return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private Schema parse(JsonNode answer, String what) {
		String text = answer.path("schema").asText(null);
		if (text == null) {
			throw new SchemaRegistryException("Schema registry answered no schema for " + what + ": " + answer, null);
		}
		try {
			return new Schema.Parser().parse(text);
		}
		catch (RuntimeException ex) {
			throw new SchemaRegistryException("Schema registry answered an invalid Avro schema for " + what, ex);
		}
	}

	private JsonNode send(String method, String path, String body) {
		IOException lastFailure = null;
		int first = this.preferredUrl.get();
		for (int attempt = 0; attempt < this.urls.size(); attempt++) {
			int index = (first + attempt) % this.urls.size();
			String url = this.urls.get(index);
			HttpResponse<String> response;
			try {
				response = this.http.send(request(method, url + path, body), BodyHandlers.ofString());
			}
			catch (IOException ex) {
				lastFailure = ex;
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SchemaRegistryException("Interrupted while calling the schema registry at " + url, ex);
			}
			this.preferredUrl.set(index);
			return answer(method, url + path, response);
		}
		throw new SchemaRegistryException("Schema registry unreachable at " + String.join(", ", this.urls) + " ("
				+ method + " " + path + "): " + describe(lastFailure), lastFailure);
	}

	private HttpRequest request(String method, String url, String body) {
		BodyPublisher publisher = (body != null) ? BodyPublishers.ofString(body, StandardCharsets.UTF_8)
				: BodyPublishers.noBody();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(this.requestTimeout)
			.header("Accept", CONTENT_TYPE)
			.method(method, publisher);
		if (body != null) {
			request.header("Content-Type", CONTENT_TYPE);
		}
		return request.build();
	}

	private static JsonNode answer(String method, String url, HttpResponse<String> response) {
		JsonNode json;
		try {
			json = JSON.readTree(response.body());
		}
		catch (JsonProcessingException ex) {
			json = null;
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			if (json == null) {
				throw new SchemaRegistryException(
						"Schema registry answered " + method + " " + url + " with something other than JSON", null);
			}
			return json;
		}
		int errorCode = (json != null) ? json.path("error_code").asInt(status) : status;
		String message = (json != null) ? json.path("message").asText(response.body()) : response.body();
		throw new SchemaRegistryException(status, errorCode, "Schema registry answered " + method + " " + url
				+ " with HTTP " + status + ", error " + errorCode + ": " + abbreviate(message));
	}

	private static String abbreviate(String text) {
		return (text.length() <= 500) ? text : text.substring(0, 500) + "...";
	}

	private static String describe(Throwable failure) {
		StringBuilder description = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (description.length() > 0) {
				description.append(", caused by ");
			}
			description.append(cause.getClass().getSimpleName());
			if (cause.getMessage() != null) {
				description.append(": ").append(cause.getMessage());
			}
		}
		return description.toString();
	}

}
