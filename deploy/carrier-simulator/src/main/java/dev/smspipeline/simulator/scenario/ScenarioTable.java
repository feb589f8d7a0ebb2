package dev.smspipeline.simulator.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.smspipeline.simulator.http.Json;

/**
 * Which {@link Scenario} applies to which recipient number: the longest matching prefix
 * of the {@code To} number wins, and every other number gets the default scenario.
 * Immutable.
 */
public final class ScenarioTable {

	private static final ScenarioTable DEFAULTS = createDefaults();

	private final Scenario defaultScenario;

	private final Map<String, Scenario> rules;

	private final List<Map.Entry<String, Scenario>> longestFirst;

	private ScenarioTable(Scenario defaultScenario, Map<String, Scenario> rules) {
		this.defaultScenario = Objects.requireNonNull(defaultScenario, "defaultScenario");
		Map<String, Scenario> copy = new LinkedHashMap<>();
		rules.forEach((prefix, scenario) -> {
			if (prefix == null || prefix.isBlank()) {
				throw new IllegalArgumentException("A scenario prefix must not be blank");
			}
			copy.put(prefix.strip(), Objects.requireNonNull(scenario, "scenario of " + prefix));
		});
		this.rules = Collections.unmodifiableMap(copy);
		List<Map.Entry<String, Scenario>> sorted = new ArrayList<>(copy.entrySet());
		sorted.sort(Comparator.comparingInt((Map.Entry<String, Scenario> entry) -> entry.getKey().length()).reversed());
		this.longestFirst = List.copyOf(sorted);
	}

	/**
	 * The table of docs/contracts.md, by the exchange of a {@code +1 415} number.
	 * @return the default table
	 */
	public static ScenarioTable defaults() {
		return DEFAULTS;
	}

	/**
	 * A table with no prefix rules: every number gets {@code defaultScenario}.
	 * @param defaultScenario the scenario of every number
	 * @return the table
	 */
	public static ScenarioTable of(Scenario defaultScenario) {
		return new ScenarioTable(defaultScenario, Map.of());
	}

	/**
	 * Reads a scenario file: JSON when its name ends in {@code .json}, Java properties
	 * when it ends in {@code .properties}, else whichever parses. The format is described
	 * in the module's README.
	 * @param file the file
	 * @return the table
	 * @throws IllegalArgumentException when the file is malformed
	 * @throws UncheckedIOException when it cannot be read
	 */
	public static ScenarioTable load(Path file) {
		String content;
		try {
			content = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read scenario file " + file, ex);
		}
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		try {
			if (name.endsWith(".properties")) {
				return parseProperties(content);
			}
			if (name.endsWith(".json") || content.stripLeading().startsWith("{")) {
				return parseJson(content);
			}
			return parseProperties(content);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid scenario file " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Parses the JSON form of a scenario file.
	 * @param json the JSON
	 * @return the table
	 */
	public static ScenarioTable parseJson(String json) {
		ScenarioFile file;
		try {
			file = reader().forType(ScenarioFile.class).readValue(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(rootMessage(ex), ex);
		}
		if (file == null) {
			throw new IllegalArgumentException("empty scenario file");
		}
		return build(file.inheritDefaults(), file.defaultScenario(), (file.rules() != null) ? file.rules() : Map.of());
	}

	/**
	 * Parses the properties form of a scenario file: {@code inheritDefaults},
	 * {@code default.<field>} and {@code <prefix>.<field>} keys.
	 * @param text the properties text
	 * @return the table
	 */
	public static ScenarioTable parseProperties(String text) {
		Properties properties = new Properties();
		try (Reader reader = new StringReader(text)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		Boolean inherit = null;
		Map<String, Map<String, String>> fieldsByPrefix = new TreeMap<>();
		for (String key : properties.stringPropertyNames()) {
			String value = properties.getProperty(key).strip();
			if (key.equals("inheritDefaults")) {
				inherit = Boolean.parseBoolean(value);
				continue;
			}
			int dot = key.lastIndexOf('.');
			if (dot <= 0 || dot == key.length() - 1) {
				throw new IllegalArgumentException("key '" + key + "' is not <prefix>.<field>");
			}
			fieldsByPrefix.computeIfAbsent(key.substring(0, dot).strip(), (prefix) -> new LinkedHashMap<>())
				.put(key.substring(dot + 1).strip(), value);
		}
		Scenario defaultScenario = null;
		Map<String, Scenario> rules = new LinkedHashMap<>();
		for (Map.Entry<String, Map<String, String>> entry : fieldsByPrefix.entrySet()) {
			Scenario scenario = convert(entry.getKey(), entry.getValue());
			if (entry.getKey().equals("default")) {
				defaultScenario = scenario;
			}
			else {
				rules.put(entry.getKey(), scenario);
			}
		}
		return build(inherit, defaultScenario, rules);
	}

	private static Scenario convert(String prefix, Map<String, String> fields) {
		try {
			JsonNode tree = Json.MAPPER.valueToTree(fields);
			return reader().forType(Scenario.class).readValue(tree);
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalArgumentException(prefix + ": " + rootMessage(ex), ex);
		}
	}

	private static ObjectReader reader() {
		return Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause instanceof JacksonException jackson) ? jackson.getOriginalMessage()
				: cause.getMessage();
		return (message != null) ? message : cause.toString();
	}

	private static ScenarioTable build(Boolean inheritDefaults, Scenario defaultScenario, Map<String, Scenario> rules) {
		boolean inherit = inheritDefaults == null || inheritDefaults;
		Map<String, Scenario> merged = new LinkedHashMap<>(inherit ? DEFAULTS.rules : Map.of());
		merged.putAll(rules);
		Scenario base = (defaultScenario != null) ? defaultScenario
				: (inherit ? DEFAULTS.defaultScenario : Scenario.delivered());
		return new ScenarioTable(base, merged);
	}

	/**
	 * The scenario of a recipient number.
	 * @param to the {@code To} number
	 * @return the scenario of the longest matching prefix, else the default
	 */
	public Scenario forNumber(String to) {
		for (Map.Entry<String, Scenario> rule : this.longestFirst) {
			if (to.startsWith(rule.getKey())) {
				return rule.getValue();
			}
		}
		return this.defaultScenario;
	}

	/**
	 * A copy with one more rule, or a rule replaced.
	 * @param prefix the number prefix, e.g. {@code +1415206}
	 * @param scenario its scenario
	 * @return the new table
	 */
	public ScenarioTable withRule(String prefix, Scenario scenario) {
		Map<String, Scenario> rules = new LinkedHashMap<>(this.rules);
		rules.put(prefix, scenario);
		return new ScenarioTable(this.defaultScenario, rules);
	}

	/**
	 * A copy with another default scenario.
	 * @param scenario the scenario of numbers no rule matches
	 * @return the new table
	 */
	public ScenarioTable withDefault(Scenario scenario) {
		return new ScenarioTable(scenario, this.rules);
	}

	public Scenario defaultScenario() {
		return this.defaultScenario;
	}

	/**
	 * The rules by prefix, in the order they were given.
	 * @return an unmodifiable map
	 */
	public Map<String, Scenario> rules() {
		return this.rules;
	}

	@Override
	public String toString() {
		return "ScenarioTable[default=" + this.defaultScenario.name() + ", rules=" + this.rules.size() + "]";
	}

	private static ScenarioTable createDefaults() {
		Map<String, Scenario> rules = new LinkedHashMap<>();
		rules.put("+1415201", Scenario.refused("landline", 400, 21614));
		rules.put("+1415202", Scenario.failing("unreachable", FinalStatus.UNDELIVERED, 30003));
		rules.put("+1415203", Scenario.failing("spam-filtered", FinalStatus.UNDELIVERED, 30007));
		rules.put("+1415204", Scenario.failing("unknown-error", FinalStatus.UNDELIVERED, 30008));
		rules.put("+1415205",
				new Scenario("silent", null, null, null, null, null, FinalStatus.SILENT, null, null, null, null, null));
		rules.put("+1415206", Scenario.delivered().withName("slow").withFinalAfterMillis(5000));
		rules.put("+1415207", Scenario.delivered().withName("rate-limited-first").withRateLimitFirstCreateSeconds(3));
		rules.put("+1415208", Scenario.delivered().withName("server-error-twice").withFailFirstCreates(2));
		rules.put("+1415209", Scenario.refused("unsubscribed", 400, 21610));
		rules.put("+1415210", Scenario.delivered().withName("duplicate-callbacks").withDuplicateCallbacks(true));
		return new ScenarioTable(Scenario.delivered(), rules);
	}

	/**
	 * The JSON form of a scenario file.
	 *
	 * @param inheritDefaults start from the default table (default {@code true})
	 * @param defaultScenario the scenario of numbers no rule matches
	 * @param rules scenarios by number prefix
	 */
	record ScenarioFile(Boolean inheritDefaults, @JsonProperty("default") Scenario defaultScenario,
			Map<String, Scenario> rules) {
	}

}
