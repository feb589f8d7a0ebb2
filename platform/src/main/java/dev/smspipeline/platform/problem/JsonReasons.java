package dev.smspipeline.platform.problem;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Why Jackson could not read a value, in the terms of JSON rather than Java: "expected a
 * string", never "Cannot deserialize value of type `dev.smspipeline...Request`". A client
 * learns what is wrong with its field, not how the service is built.
 */
public final class JsonReasons {

	/** A backquoted, package-qualified Java type name, as Jackson writes them. */
	private static final Pattern QUALIFIED_TYPE = Pattern
		.compile("`((?:[A-Za-z_$][\\w$]*\\.)+[A-Za-z_$][\\w$]*(?:<[^`]*>)?(?:\\[\\])*)`");

	/** Where Jackson points at its own API, e.g. ", from `StreamReadConstraints.x()`". */
	private static final Pattern API_REFERENCE = Pattern.compile(",?\\s*(?:from|use|see) `[^`]*`");

	/** Anything else Jackson quotes with backquotes that is not the client's input. */
	private static final Pattern BACKQUOTED_CODE = Pattern.compile("`[^`]*\\(\\)`");

	/** Jackson's token names, e.g. "(token `JsonToken.START_ARRAY`)". */
	private static final Pattern TOKEN = Pattern.compile("\\s*\\(token `[^`]*`\\)");

	private JsonReasons() {
	}

	/** The reason {@code ex} refused a value, without Java class names. */
	public static String reason(JacksonException ex) {
		if (ex instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
			return "not " + expected(invalid.getTargetType());
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
				&& !mismatch.getPath().isEmpty()) {
			return "expected " + expected(mismatch.getTargetType());
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return "expected " + expected(mismatch.getTargetType()) + " as the body";
		}
		return sanitize(ex.getOriginalMessage());
	}

	/** {@code message} with every Java type name and token name replaced or removed. */
	public static String sanitize(String message) {
		if (message == null || message.isBlank()) {
			return "unreadable value";
		}
		String text = TOKEN.matcher(message).replaceAll("");
		text = API_REFERENCE.matcher(text).replaceAll("");
		text = BACKQUOTED_CODE.matcher(text).replaceAll("");
		Matcher matcher = QUALIFIED_TYPE.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(simple(matcher.group(1))));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/** What JSON a value of {@code type} must be, e.g. "a string", "a JSON object". */
	static String expected(Class<?> type) {
		if (type.isEnum()) {
			return "one of " + Arrays.toString(type.getEnumConstants());
		}
		if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
			return "a string";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
			return "a number";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "an array";
		}
		if (type == UUID.class) {
			return "a UUID";
		}
		if (type == LocalDate.class) {
			return "an ISO-8601 date";
		}
		if (type == Duration.class) {
			return "an ISO-8601 duration";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "an ISO-8601 date-time";
		}
		if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
			return "a JSON object";
		}
		return "a valid value";
	}

	private static String simple(String qualified) {
		String base = qualified.replaceAll("<.*", "").strip();
		String name = base.substring(base.lastIndexOf('.') + 1);
		if (qualified.strip().endsWith("[]")) {
			return "array";
		}
		return switch (name) {
			case "String", "CharSequence", "char", "Character" -> "string";
			case "Boolean", "boolean" -> "boolean";
			case "Integer", "int", "Long", "long", "Short", "short", "Byte", "byte", "Double", "double", "Float",
					"float", "BigDecimal", "BigInteger", "Number" ->
				"number";
			default -> (name.startsWith("List") || name.startsWith("Set") || name.startsWith("Collection")
					|| name.endsWith("[]")) ? "array" : "object";
		};
	}

}
