package dev.smspipeline.registry.store;

/**
 * The {@code _schemas} topic could not be read or written.
 */
public class StoreException extends RuntimeException {

	public StoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
