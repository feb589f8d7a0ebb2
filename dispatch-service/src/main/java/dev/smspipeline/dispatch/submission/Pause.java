package dev.smspipeline.dispatch.submission;

import java.time.Duration;

/**
 * Waits before the next attempt. The skeleton waits on the listener thread; the seam lets
 * tests count waits instead of sleeping.
 */
@FunctionalInterface
interface Pause {

	/** Sleeps the calling thread. */
	Pause SLEEP = (duration) -> Thread.sleep(duration.toMillis());

	void pause(Duration duration) throws InterruptedException;

}
