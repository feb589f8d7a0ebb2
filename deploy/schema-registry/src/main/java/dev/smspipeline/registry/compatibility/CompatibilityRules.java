package dev.smspipeline.registry.compatibility;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

import dev.smspipeline.schemas.compat.BackwardCompatibility;
import dev.smspipeline.schemas.registry.CompatibilityLevel;

/**
 * Confluent's compatibility levels on {@link BackwardCompatibility}: BACKWARD means the
 * candidate reads what earlier schemas wrote, FORWARD that earlier schemas read what the
 * candidate writes, FULL both; the transitive levels check every earlier version, the
 * others only the latest.
 */
public final class CompatibilityRules {

	private CompatibilityRules() {
	}

	/**
	 * Why {@code candidate} may not follow {@code earlier} at {@code level}; empty when
	 * it may.
	 * @param level the subject's level
	 * @param candidate the schema to register
	 * @param earlier the subject's versions, oldest first
	 */
	public static List<String> problems(CompatibilityLevel level, Schema candidate, List<Schema> earlier) {
		if (earlier.isEmpty()) {
			return List.of();
		}
		List<Schema> checked = level.isTransitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
		List<String> problems = new ArrayList<>();
		if (level.checksBackward()) {
			problems.addAll(BackwardCompatibility.problems(candidate, checked));
		}
		if (level.checksForward()) {
			checked.forEach((reader) -> problems.addAll(BackwardCompatibility.problems(reader, candidate)));
		}
		return problems;
	}

}
