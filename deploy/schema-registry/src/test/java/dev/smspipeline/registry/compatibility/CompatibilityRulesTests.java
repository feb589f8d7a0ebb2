package dev.smspipeline.registry.compatibility;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

import dev.smspipeline.schemas.registry.CompatibilityLevel;

import static org.assertj.core.api.Assertions.assertThat;

class CompatibilityRulesTests {

	private static final Schema NAME_STRING = SchemaBuilder.record("Lead").fields().requiredString("name").endRecord();

	private static final Schema EMPTY = SchemaBuilder.record("Lead").fields().endRecord();

	private static final Schema NAME_INT_WITH_DEFAULT = SchemaBuilder.record("Lead")
		.fields()
		.name("name")
		.type()
		.intType()
		.intDefault(0)
		.endRecord();

	private static final Schema NAME_AND_REQUIRED_AGE = SchemaBuilder.record("Lead")
		.fields()
		.requiredString("name")
		.requiredInt("age")
		.endRecord();

	@Test
	void acceptsAnySchemaAsTheFirstVersion() {
		assertThat(CompatibilityRules.problems(CompatibilityLevel.FULL_TRANSITIVE, NAME_STRING, List.of())).isEmpty();
	}

	@Test
	void backwardChecksOnlyTheLatestVersion() {
		assertThat(CompatibilityRules.problems(CompatibilityLevel.BACKWARD, NAME_INT_WITH_DEFAULT,
				List.of(NAME_STRING, EMPTY)))
			.isEmpty();
	}

	@Test
	void backwardTransitiveChecksEveryEarlierVersion() {
		assertThat(CompatibilityRules.problems(CompatibilityLevel.BACKWARD_TRANSITIVE, NAME_INT_WITH_DEFAULT,
				List.of(NAME_STRING, EMPTY)))
			.singleElement()
			.asString()
			.contains("TYPE_MISMATCH");
	}

	@Test
	void backwardRefusesANewFieldWithoutADefault() {
		assertThat(
				CompatibilityRules.problems(CompatibilityLevel.BACKWARD, NAME_AND_REQUIRED_AGE, List.of(NAME_STRING)))
			.singleElement()
			.asString()
			.contains("READER_FIELD_MISSING_DEFAULT_VALUE");
	}

	@Test
	void forwardAcceptsANewFieldWithoutADefault() {
		assertThat(CompatibilityRules.problems(CompatibilityLevel.FORWARD, NAME_AND_REQUIRED_AGE, List.of(NAME_STRING)))
			.isEmpty();
	}

	@Test
	void forwardRefusesDroppingAFieldTheLatestVersionNeeds() {
		assertThat(CompatibilityRules.problems(CompatibilityLevel.FORWARD, EMPTY, List.of(NAME_STRING))).singleElement()
			.asString()
			.contains("READER_FIELD_MISSING_DEFAULT_VALUE");
	}

	@Test
	void fullRefusesWhatEitherDirectionRefuses() {
		assertThat(CompatibilityRules.problems(CompatibilityLevel.FULL, NAME_AND_REQUIRED_AGE, List.of(NAME_STRING)))
			.hasSize(1);
		assertThat(CompatibilityRules.problems(CompatibilityLevel.FULL, EMPTY, List.of(NAME_STRING))).hasSize(1);
	}

	@Test
	void noneAcceptsAnything() {
		assertThat(CompatibilityRules.problems(CompatibilityLevel.NONE, NAME_INT_WITH_DEFAULT, List.of(NAME_STRING)))
			.isEmpty();
	}

}
