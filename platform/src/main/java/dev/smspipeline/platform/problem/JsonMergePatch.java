package dev.smspipeline.platform.problem;

import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7386 JSON merge patch of a resource's request document, and reading the merged
 * document back into its request type with a field-level 400 for anything that does not
 * fit.
 */
public final class JsonMergePatch {

	private JsonMergePatch() {
	}

	/**
	 * Merges a patch into a document: {@code null} removes a field, an object merges into
	 * an object, anything else replaces.
	 * @param target the current document, changed in place
	 * @param patch the changes
	 * @param skipped top-level fields the caller applies itself
	 */
	public static void merge(ObjectNode target, ObjectNode patch, Set<String> skipped) {
		for (Map.Entry<String, JsonNode> change : patch.properties()) {
			String field = change.getKey();
			JsonNode value = change.getValue();
			if (skipped.contains(field)) {
				continue;
			}
			if (value.isNull()) {
				target.remove(field);
			}
			else if (value instanceof ObjectNode object && target.get(field) instanceof ObjectNode existing) {
				merge(existing, object, Set.of());
			}
			else {
				target.set(field, value.deepCopy());
			}
		}
	}

	/**
	 * Reads a document into its type.
	 * @param <T> the type
	 * @param json the mapper
	 * @param node the document
	 * @param type the type
	 * @param prefix the document's field name in problems ({@code ""} for the body)
	 * @return the value
	 * @throws org.springframework.web.ErrorResponseException 400 naming the field that
	 * does not fit
	 */
	public static <T> T read(JsonMapper json, JsonNode node, Class<T> type, String prefix) {
		try {
			return json.treeToValue(node, type);
		}
		catch (JacksonException ex) {
			StringBuilder field = new StringBuilder(prefix);
			for (JacksonException.Reference reference : ex.getPath()) {
				if (reference.getPropertyName() != null) {
					field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
				}
				else if (reference.getIndex() >= 0) {
					field.append('[').append(reference.getIndex()).append(']');
				}
			}
			throw Problems
				.invalid(List.of(new FieldError(field.isEmpty() ? "body" : field.toString(), JsonReasons.reason(ex))));
		}
	}

}
