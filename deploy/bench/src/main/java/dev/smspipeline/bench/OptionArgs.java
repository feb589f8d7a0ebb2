package dev.smspipeline.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code --name value}, {@code --name=value} and {@code --flag} arguments into a
 * map, in the order given, for {@link BenchOptions} and {@link ScenarioOptions}.
 */
final class OptionArgs {

	private OptionArgs() {
	}

	/**
	 * The options in {@code args}.
	 * @param args the command line
	 * @param flags names that take no value ({@code "true"} when present)
	 * @return name (without {@code --}) to value
	 * @throws IllegalArgumentException on an argument that is not an option, or an option
	 * without its value
	 */
	static Map<String, String> read(String[] args, Set<String> flags) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'");
			}
			String name = arg.substring(2);
			String value;
			int equals = name.indexOf('=');
			if (equals >= 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			else if (flags.contains(name)) {
				value = "true";
			}
			else if (i + 1 < args.length) {
				value = args[++i];
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
			values.put(name, value);
		}
		return values;
	}

	/**
	 * A URL option without a trailing slash.
	 * @param values the options
	 * @param name the option
	 * @param fallback its value when absent
	 * @return the URL
	 */
	static String url(Map<String, String> values, String name, String fallback) {
		String url = values.getOrDefault(name, fallback);
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/**
	 * A whole-number option of at least 1.
	 * @param values the options
	 * @param name the option
	 * @param fallback its value when absent
	 * @return the number
	 * @throws IllegalArgumentException when it is below 1
	 */
	static int positive(Map<String, String> values, String name, int fallback) {
		int value = Integer.parseInt(values.getOrDefault(name, Integer.toString(fallback)));
		if (value < 1) {
			throw new IllegalArgumentException("--" + name + " must be at least 1");
		}
		return value;
	}

}
