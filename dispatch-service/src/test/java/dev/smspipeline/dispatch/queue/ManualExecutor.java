package dev.smspipeline.dispatch.queue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/**
 * Runs tasks on the caller's thread: at once while synchronous, else when the test says
 * so.
 */
final class ManualExecutor implements Executor {

	private final Deque<Runnable> tasks = new ArrayDeque<>();

	private boolean synchronous = true;

	/** From now on, tasks wait for {@link #runNext} or {@link #runAll}. */
	void hold() {
		this.synchronous = false;
	}

	@Override
	public void execute(Runnable task) {
		if (this.synchronous) {
			task.run();
		}
		else {
			this.tasks.addLast(task);
		}
	}

	void runNext() {
		this.tasks.pollFirst().run();
	}

	void runAll() {
		while (!this.tasks.isEmpty()) {
			runNext();
		}
	}

	int waiting() {
		return this.tasks.size();
	}

}
