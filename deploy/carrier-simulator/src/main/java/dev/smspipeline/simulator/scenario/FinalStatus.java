package dev.smspipeline.simulator.scenario;

/**
 * What finally happens to an accepted message.
 */
public enum FinalStatus {

	/** {@code delivered}. */
	DELIVERED("delivered"),

	/** {@code undelivered}, with the scenario's error code. */
	UNDELIVERED("undelivered"),

	/** {@code failed}, with the scenario's error code. */
	FAILED("failed"),

	/** {@code sent}, then no callback ever again. */
	SILENT(null);

	private final String twilioStatus;

	FinalStatus(String twilioStatus) {
		this.twilioStatus = twilioStatus;
	}

	/**
	 * The {@code MessageStatus} of the final callback.
	 * @return the status, {@code null} for {@link #SILENT}
	 */
	public String twilioStatus() {
		return this.twilioStatus;
	}

	/**
	 * Whether the final callback carries an error code.
	 * @return {@code true} for undelivered and failed
	 */
	public boolean isError() {
		return this == UNDELIVERED || this == FAILED;
	}

}
