package dev.smspipeline.registry.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.smspipeline.schemas.registry.CompatibilityLevel;

import static org.assertj.core.api.Assertions.assertThat;

class StoreRecordsTests {

	private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Lead\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";

	private final RegistryState state = new RegistryState();

	@Test
	void writesSchemaKeysAsConfluentDoes() {
		assertThat(text(StoreRecords.schemaKey("s-value", 3)))
			.isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s-value\",\"version\":3,\"magic\":1}");
	}

	@Test
	void writesSchemaValuesAsConfluentDoes() {
		assertThat(text(StoreRecords.schemaValue(new SchemaVersion("s-value", 3, 7, SCHEMA, false)))).isEqualTo(
				"{\"subject\":\"s-value\",\"version\":3,\"id\":7,\"schema\":" + quoted(SCHEMA) + ",\"deleted\":false}");
	}

	@Test
	void writesTheGlobalConfigKeyWithANullSubject() {
		assertThat(text(StoreRecords.configKey(null)))
			.isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
		assertThat(text(StoreRecords.configValue(CompatibilityLevel.FULL)))
			.isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
	}

	@Test
	void readsASchemaRecordConfluentWroteWithFieldsItDoesNotUse() throws IOException {
		apply("{\"keytype\":\"SCHEMA\",\"subject\":\"s-value\",\"version\":1,\"magic\":1}",
				"{\"subject\":\"s-value\",\"version\":1,\"id\":42,\"schema\":" + quoted(SCHEMA)
						+ ",\"deleted\":false,\"references\":[],\"metadata\":null}");

		assertThat(this.state.versions("s-value")).extracting(SchemaVersion::id).containsExactly(42);
		assertThat(this.state.maxId()).isEqualTo(42);
	}

	@Test
	void skipsSchemasOfOtherTypes() throws IOException {
		apply("{\"keytype\":\"SCHEMA\",\"subject\":\"p-value\",\"version\":1,\"magic\":1}",
				"{\"subject\":\"p-value\",\"version\":1,\"id\":1,\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

		assertThat(this.state.subjects()).isEmpty();
	}

	@Test
	void deletesAVersionOnATombstone() throws IOException {
		String key = "{\"keytype\":\"SCHEMA\",\"subject\":\"s-value\",\"version\":1,\"magic\":1}";
		apply(key, text(StoreRecords.schemaValue(new SchemaVersion("s-value", 1, 1, SCHEMA, false))));

		apply(key, null);

		assertThat(this.state.subjects()).isEmpty();
	}

	@Test
	void appliesTheGlobalLevel() throws IOException {
		apply("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}", "{\"compatibilityLevel\":\"NONE\"}");

		assertThat(this.state.globalLevel()).hasValue(CompatibilityLevel.NONE);
	}

	@Test
	void ignoresKeyTypesItDoesNotUse() throws IOException {
		apply("{\"keytype\":\"NOOP\",\"magic\":0}", null);

		assertThat(this.state.subjects()).isEmpty();
		assertThat(this.state.globalLevel()).isEmpty();
	}

	private void apply(String key, String value) throws IOException {
		StoreRecords.apply(key.getBytes(StandardCharsets.UTF_8),
				(value != null) ? value.getBytes(StandardCharsets.UTF_8) : null, this.state);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String quoted(String json) {
		return "\"" + json.replace("\"", "\\\"") + "\"";
	}

}
