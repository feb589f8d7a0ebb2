package dev.smspipeline.opschecks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Null-tolerant navigation in parsed YAML: a missing or mistyped node reads as empty, so
 * a check reports what it expected instead of failing with a ClassCastException.
 */
final class Yamls {

	private Yamls() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node) {
		return (node instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object node) {
		return (node instanceof List<?> list) ? (List<Object>) list : List.of();
	}

	static Object at(Object node, String... keys) {
		Object current = node;
		for (String key : keys) {
			current = map(current).get(key);
		}
		return current;
	}

	static Map<String, Object> mapAt(Object node, String... keys) {
		return map(at(node, keys));
	}

	static List<Object> listAt(Object node, String... keys) {
		return list(at(node, keys));
	}

	/** A scalar as text (numbers and booleans included), or null. */
	static String stringAt(Object node, String... keys) {
		Object value = at(node, keys);
		return (value != null && !(value instanceof Map) && !(value instanceof List)) ? value.toString() : null;
	}

	/** A map of scalars as text, e.g. labels or a ConfigMap's data. */
	static Map<String, String> stringMapAt(Object node, String... keys) {
		Map<String, String> result = new LinkedHashMap<>();
		mapAt(node, keys).forEach((key, value) -> result.put(key, (value != null) ? value.toString() : ""));
		return result;
	}

}
