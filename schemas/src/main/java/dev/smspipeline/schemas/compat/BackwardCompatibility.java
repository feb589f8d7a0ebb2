package dev.smspipeline.schemas.compat;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's BACKWARD (transitive) rule on Apache Avro's own checker: a consumer on the
 * new schema reads everything written with any earlier one.
 */
public final class BackwardCompatibility {

	private BackwardCompatibility() {
	}

	/**
	 * Why {@code candidate} cannot read data written with {@code earlier}; empty when it
	 * can.
	 */
	public static List<String> problems(Schema candidate, List<Schema> earlier) {
		return earlier.stream().flatMap((writer) -> problems(candidate, writer).stream()).toList();
	}

	public static List<String> problems(Schema candidate, Schema writer) {
		SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility
			.checkReaderWriterCompatibility(candidate, writer);
		if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
			return List.of();
		}
		return result.getResult()
			.getIncompatibilities()
			.stream()
			.map((Incompatibility incompatibility) -> candidate.getName() + " at " + incompatibility.getLocation()
					+ ": " + incompatibility.getType() + " (" + incompatibility.getMessage() + ")")
			.toList();
	}

}
