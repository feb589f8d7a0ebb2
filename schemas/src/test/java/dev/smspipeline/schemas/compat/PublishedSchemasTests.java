package dev.smspipeline.schemas.compat;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.smspipeline.events.MessageRequested;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's guard on schema evolution: it fails when a contract changes in a way that
 * breaks a consumer of an earlier published version, or changes without being published.
 */
class PublishedSchemasTests {

	@TestFactory
	List<DynamicTest> everyContractReadsEveryPublishedVersionOfItself() {
		return PublishedSchemas.current().stream().map((schema) -> DynamicTest.dynamicTest(schema.getName(), () -> {
			List<Schema> history = PublishedSchemas.history(schema.getName());
			assertThat(history).as("published versions of %s", schema.getName()).isNotEmpty();
			assertThat(BackwardCompatibility.problems(schema, history)).isEmpty();
		})).toList();
	}

	@TestFactory
	List<DynamicTest> everyContractChangeIsPublishedAsANewVersion() {
		return PublishedSchemas.current().stream().map((schema) -> DynamicTest.dynamicTest(schema.getName(), () -> {
			List<Schema> history = PublishedSchemas.history(schema.getName());
			assertThat(history.get(history.size() - 1))
				.as("%s changed: copy it to schema-history/%s/v%d.avsc", schema.getName(), schema.getName(),
						history.size() + 1)
				.isEqualTo(schema);
		})).toList();
	}

	@Test
	void rejectsARequiredFieldAddedWithoutADefault() {
		Schema current = MessageRequested.getClassSchema();
		String json = current.toString().replace("\"fields\":[", "\"fields\":[{\"name\":\"weight\",\"type\":\"int\"},");
		Schema broken = new Schema.Parser().parse(json);

		assertThat(BackwardCompatibility.problems(broken, List.of(current))).singleElement()
			.asString()
			.contains("weight")
			.contains("READER_FIELD_MISSING_DEFAULT_VALUE");
	}

	@Test
	void acceptsAnOptionalFieldAddedWithADefault() {
		Schema current = MessageRequested.getClassSchema();
		String json = current.toString()
			.replace("\"fields\":[", "\"fields\":[{\"name\":\"weight\",\"type\":\"int\",\"default\":0},");
		Schema evolved = new Schema.Parser().parse(json);

		assertThat(BackwardCompatibility.problems(evolved, List.of(current))).isEmpty();
	}

	@Test
	void readsAnUnknownStatusSymbolAsTheEnumDefault() {
		Schema current = MessageRequested.getClassSchema();
		String json = current.toString().replace("\"CAMPAIGN\"]", "\"CAMPAIGN\",\"PARTNER\"]");
		Schema newerWriter = new Schema.Parser().parse(json);

		assertThat(BackwardCompatibility.problems(current, newerWriter)).isEmpty();
	}

}
