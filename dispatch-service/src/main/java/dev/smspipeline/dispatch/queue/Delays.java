package dev.smspipeline.dispatch.queue;

import java.time.Duration;

/**
 * Runs a task later, on a timer thread; the task must not block.
 */
@FunctionalInterface
interface Delays {

	void after(Duration delay, Runnable task);

}
