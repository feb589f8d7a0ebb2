package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Delayed tasks that run when the test's clock has passed their time and the test says
 * so.
 */
final class ManualDelays implements Delays {

	private final MutableClock clock;

	private final List<Delayed> delayed = new ArrayList<>();

	ManualDelays(MutableClock clock) {
		this.clock = clock;
	}

	@Override
	public void after(Duration delay, Runnable task) {
		this.delayed.add(new Delayed(this.clock.instant().plus(delay), task));
	}

	/** Runs the tasks due by now. */
	void runDue() {
		List<Runnable> due = new ArrayList<>();
		for (Iterator<Delayed> it = this.delayed.iterator(); it.hasNext();) {
			Delayed next = it.next();
			if (!next.at().isAfter(this.clock.instant())) {
				it.remove();
				due.add(next.task());
			}
		}
		due.forEach(Runnable::run);
	}

	private record Delayed(Instant at, Runnable task) {

	}

}
