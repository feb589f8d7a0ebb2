package dev.smspipeline.simulator.fault;

import java.util.Locale;

/**
 * What the carrier does to every create request while a fault is on.
 */
public enum FaultMode {

	/** No fault: creates are decided by the scenario table. */
	NONE,

	/**
	 * Every create is answered HTTP 500 (Twilio code 20500) at once; nothing is created,
	 * nothing is remembered for its idempotency key.
	 */
	ERROR_500,

	/**
	 * Every create is decided as usual (an accepted message is created, remembered for
	 * its idempotency key and gets its callbacks), but its answer is held for the fault's
	 * delay, longer than the client waits: the carrier took the text and the answer was
	 * lost. A retry with the same idempotency key gets the first answer.
	 */
	TIMEOUT;

	/**
	 * Reads a mode by name, in any case ({@code error_500}, {@code TIMEOUT}).
	 * @param name the name
	 * @return the mode
	 * @throws IllegalArgumentException when no mode has that name
	 */
	public static FaultMode parse(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("mode is required: NONE, ERROR_500 or TIMEOUT");
		}
		try {
			return valueOf(name.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("mode must be NONE, ERROR_500 or TIMEOUT, not '" + name.strip() + "'",
					ex);
		}
	}

}
