package dev.smspipeline.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A scenario's last line, for scripts: {@code RESULT scenario=<name> key=value ...}, in
 * the order the figures were added. A figure that was not measured is {@code -1}, as in
 * {@link ResultLine}.
 */
final class ScenarioResult {

	private final Map<String, String> figures = new LinkedHashMap<>();

	ScenarioResult(String scenario) {
		this.figures.put("scenario", scenario);
	}

	ScenarioResult put(String name, long value) {
		this.figures.put(name, Long.toString(value));
		return this;
	}

	ScenarioResult put(String name, double value, int decimals) {
		this.figures.put(name, (Double.isNaN(value) || Double.isInfinite(value)) ? "-1"
				: String.format(Locale.ROOT, "%." + decimals + "f", value));
		return this;
	}

	ScenarioResult put(String name, String value) {
		this.figures.put(name, (value == null || value.isEmpty()) ? "-1" : value.replace(' ', '_'));
		return this;
	}

	ScenarioResult put(String name, boolean value) {
		this.figures.put(name, Boolean.toString(value));
		return this;
	}

	String format() {
		StringBuilder line = new StringBuilder("RESULT");
		this.figures.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
		return line.toString();
	}

}
