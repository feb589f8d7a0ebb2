package dev.smspipeline.registry.subjects;

import java.util.List;

/**
 * A request the registry refuses, with Confluent's HTTP status and error code.
 */
public class RegistryError extends RuntimeException {

	private final int httpStatus;

	private final int errorCode;

	public RegistryError(int httpStatus, int errorCode, String message) {
		super(message);
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	public int errorCode() {
		return this.errorCode;
	}

	static RegistryError subjectNotFound(String subject) {
		return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
	}

	static RegistryError versionNotFound(int version) {
		return new RegistryError(404, 40402, "Version " + version + " not found.");
	}

	static RegistryError schemaNotFound() {
		return new RegistryError(404, 40403, "Schema not found");
	}

	/** No schema has the id. */
	public static RegistryError schemaNotFound(String id) {
		return new RegistryError(404, 40403, "Schema " + id + " not found");
	}

	static RegistryError subjectLevelNotFound(String subject) {
		return new RegistryError(404, 40408,
				"Subject '" + subject + "' does not have subject-level compatibility configured");
	}

	static RegistryError incompatible(String subject, List<String> problems) {
		return new RegistryError(409, 409,
				"Schema being registered is incompatible with an earlier schema for subject \"" + subject
						+ "\", details: " + problems);
	}

	/** The schema is not one the registry accepts. */
	public static RegistryError invalidSchema(String reason) {
		return new RegistryError(422, 42201, "Invalid schema: " + reason);
	}

	static RegistryError invalidVersion(String version) {
		return new RegistryError(422, 42202, "The specified version '" + version
				+ "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
	}

	static RegistryError invalidLevel(String level) {
		return new RegistryError(422, 42203, "Invalid compatibility level. Valid values are none, backward, "
				+ "forward, full, backward_transitive, forward_transitive, and full_transitive; got " + level);
	}

}
