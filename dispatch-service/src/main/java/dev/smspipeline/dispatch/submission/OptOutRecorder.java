package dev.smspipeline.dispatch.submission;

import dev.smspipeline.events.OptOutChange;

/**
 * Where dispatch keeps the opt-outs its precheck reads. The submission flow records the
 * one a carrier reports (21610) here at once, so the recipient's next text is rejected
 * without waiting for the change to come back from {@code sms.opt-outs}.
 */
@FunctionalInterface
public interface OptOutRecorder {

	/**
	 * Applies a change unless a later one is held already.
	 * @param change the change
	 */
	void record(OptOutChange change);

}
