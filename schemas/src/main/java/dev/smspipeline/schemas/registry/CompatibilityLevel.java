package dev.smspipeline.schemas.registry;

import java.util.Locale;

/**
 * A subject's compatibility level, as the Confluent Schema Registry names it.
 */
public enum CompatibilityLevel {

	/** No check. */
	NONE,

	/** The new schema reads data written with the latest one. */
	BACKWARD,

	/** The new schema reads data written with every earlier one. */
	BACKWARD_TRANSITIVE,

	/** The latest schema reads data written with the new one. */
	FORWARD,

	/** Every earlier schema reads data written with the new one. */
	FORWARD_TRANSITIVE,

	/** BACKWARD and FORWARD. */
	FULL,

	/** BACKWARD_TRANSITIVE and FORWARD_TRANSITIVE. */
	FULL_TRANSITIVE;

	/** The level named {@code name}, in any case. */
	public static CompatibilityLevel forName(String name) {
		return valueOf(name.trim().toUpperCase(Locale.ROOT));
	}

	/** Whether the new schema must read data written with earlier ones. */
	public boolean checksBackward() {
		return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
	}

	/** Whether earlier schemas must read data written with the new one. */
	public boolean checksForward() {
		return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
	}

	/** Whether the check is against every earlier version, not only the latest. */
	public boolean isTransitive() {
		return this == BACKWARD_TRANSITIVE || this == FORWARD_TRANSITIVE || this == FULL_TRANSITIVE;
	}

}
