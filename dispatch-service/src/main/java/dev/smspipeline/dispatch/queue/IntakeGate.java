package dev.smspipeline.dispatch.queue;

/**
 * Pauses and resumes the consumer of {@code sms.message-requested} when the texts in
 * memory pass the global cap. Implemented by the intake, which owns the listener
 * container.
 */
public interface IntakeGate {

	/** Stops fetching new records (records of the current poll still arrive). */
	void pause();

	/** Fetches again. */
	void resume();

	/** Partitions paused by {@link #pause()}, for the gauge. */
	int pausedPartitions();

}
