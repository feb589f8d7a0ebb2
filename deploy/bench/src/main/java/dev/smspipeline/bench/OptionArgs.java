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

}
