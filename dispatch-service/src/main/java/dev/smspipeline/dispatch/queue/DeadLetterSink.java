package dev.smspipeline.dispatch.queue;

/**
 * Sends a text whose processing kept failing to {@code sms.message-requested.DLT}, with
 * its original bytes and the failure in headers. Blocks until the broker has it. The
 * dispatcher publishes the text's terminal status (FAILED {@code PROCESSING_FAILED})
 * after it, so the dead letter is there before anyone sees the text end.
 */
public interface DeadLetterSink {

	void deadLetter(Work work, Exception failure);

}
