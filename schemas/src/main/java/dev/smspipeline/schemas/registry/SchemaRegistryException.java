package dev.smspipeline.schemas.registry;

/**
 * The registry refused a request, or could not be reached.
 */
public class SchemaRegistryException extends RuntimeException {

	/** {@link #errorCode()} when the registry gave no answer. */
	public static final int NO_ANSWER = -1;

	/** Confluent's code: the subject does not exist. */
	public static final int SUBJECT_NOT_FOUND = 40401;

	/** Confluent's code: the version does not exist. */
	public static final int VERSION_NOT_FOUND = 40402;

	/** Confluent's code: no such schema (id, or schema under a subject). */
	public static final int SCHEMA_NOT_FOUND = 40403;

	/** Confluent's code: the schema breaks the subject's compatibility level. */
	public static final int INCOMPATIBLE_SCHEMA = 409;

	private final int httpStatus;

	private final int errorCode;

	/** The registry answered with an error. */
	public SchemaRegistryException(int httpStatus, int errorCode, String message) {
		super(message);
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
	}

	/** The registry could not be reached, or its answer could not be read. */
	public SchemaRegistryException(String message, Throwable cause) {
		super(message, cause);
		this.httpStatus = NO_ANSWER;
		this.errorCode = NO_ANSWER;
	}

	/** HTTP status of the registry's answer, {@link #NO_ANSWER} when there was none. */
	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * The registry's {@code error_code} (e.g. 40403), {@link #NO_ANSWER} when there was
	 * no answer.
	 */
	public int errorCode() {
		return this.errorCode;
	}

}
