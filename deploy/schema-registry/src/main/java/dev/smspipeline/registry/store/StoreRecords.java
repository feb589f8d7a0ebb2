package dev.smspipeline.registry.store;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.smspipeline.schemas.registry.CompatibilityLevel;

/**
 * Confluent's layout of {@code _schemas}: JSON keys and values, fields in Confluent's
 * order so that a key is the same bytes whoever writes it and compaction keeps the last
 * record of each.
 *
 * <pre>
 * {"keytype":"SCHEMA","subject":"s","version":1,"magic":1} → {"subject":"s","version":1,"id":1,"schema":"…","deleted":false}
 * {"keytype":"CONFIG","subject":null,"magic":0}           → {"compatibilityLevel":"BACKWARD"}
 * </pre>
 *
 * Other key types Confluent writes ({@code NOOP}, {@code DELETE_SUBJECT}, {@code MODE},
 * ...) are skipped, as are schemas of types other than Avro.
 */
final class StoreRecords {

	private static final ObjectMapper JSON = new ObjectMapper();

	private StoreRecords() {
	}

	static byte[] schemaKey(String subject, int version) {
		ObjectNode key = JSON.createObjectNode();
		key.put("keytype", "SCHEMA");
		key.put("subject", subject);
		key.put("version", version);
		key.put("magic", 1);
		return bytes(key);
	}

	static byte[] schemaValue(SchemaVersion version) {
		ObjectNode value = JSON.createObjectNode();
		value.put("subject", version.subject());
		value.put("version", version.version());
		value.put("id", version.id());
		value.put("schema", version.schema());
		value.put("deleted", version.deleted());
		return bytes(value);
	}

	static byte[] configKey(String subject) {
		ObjectNode key = JSON.createObjectNode();
		key.put("keytype", "CONFIG");
		key.put("subject", subject);
		key.put("magic", 0);
		return bytes(key);
	}

	static byte[] configValue(CompatibilityLevel level) {
		return bytes(JSON.createObjectNode().put("compatibilityLevel", level.name()));
	}

	/** Applies one record of {@code _schemas}; a {@code null} value deletes. */
	static void apply(byte[] key, byte[] value, RegistryState state) throws IOException {
		JsonNode json = JSON.readTree(key);
		switch (json.path("keytype").asText()) {
			case "SCHEMA" -> applySchema(json.path("subject").asText(), json.path("version").asInt(), value, state);
			case "CONFIG" ->
				applyConfig(json.path("subject").isTextual() ? json.path("subject").asText() : null, value, state);
			default -> {
			}
		}
	}

	private static void applySchema(String subject, int version, byte[] value, RegistryState state) throws IOException {
		if (value == null) {
			state.remove(subject, version);
			return;
		}
		JsonNode json = JSON.readTree(value);
		if (!"AVRO".equals(json.path("schemaType").asText("AVRO"))) {
			return;
		}
		state.put(new SchemaVersion(subject, version, json.path("id").asInt(), json.path("schema").asText(),
				json.path("deleted").asBoolean(false)));
	}

	private static void applyConfig(String subject, byte[] value, RegistryState state) throws IOException {
		JsonNode level = (value != null) ? JSON.readTree(value).path("compatibilityLevel") : null;
		state.level(subject, (level != null && level.isTextual()) ? CompatibilityLevel.forName(level.asText()) : null);
	}

	private static byte[] bytes(JsonNode json) {
		try {
			return JSON.writeValueAsBytes(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
