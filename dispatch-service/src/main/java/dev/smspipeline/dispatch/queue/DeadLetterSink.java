package dev.smspipeline.dispatch.queue;

/**
 * Sends a text whose processing kept failing to {@code sms.message-requested.DLT}, with
 * its original bytes and the failure in headers. Blocks until the broker has it.
 */
public interface DeadLetterSink {

	void deadLetter(Work work, Exception failure);

}
