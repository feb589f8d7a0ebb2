package dev.smspipeline.dispatch.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static dev.smspipeline.dispatch.queue.DispatchHarness.ADA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler's thread runs only between Spring's start and stop, and sleeps no longer
 * than until the next head is due.
 */
class DueSchedulerTests {

	private final DispatchHarness harness = new DispatchHarness();

	@Test
	void startsNoThreadBeforeSpringStartsIt() {
		assertThat(this.harness.dispatcher.scheduler().isRunning()).isFalse();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals("dispatch-scheduler"));
	}

	@Test
	void launchesDueHeadsOnItsThreadOnceStarted() {
		DueScheduler scheduler = this.harness.dispatcher.scheduler();
		this.harness.take(ADA, "m1");

		scheduler.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.harness.dispatcher.buffered() == 0);
		}
		finally {
			scheduler.stop();
		}

		assertThat(scheduler.isRunning()).isFalse();
	}

	@Test
	void sleepsUntilTheNextHeadIsDue() {
		this.harness.take(ADA, "m1");
		this.harness.take(ADA, "m2");

		long waitNanos = this.harness.dispatcher.scheduler().runDue(this.harness.clock.instant());

		assertThat(Duration.ofNanos(waitNanos)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void sleepsAtMostASecondWhenNothingIsDue() {
		long waitNanos = this.harness.dispatcher.scheduler().runDue(this.harness.clock.instant());

		assertThat(Duration.ofNanos(waitNanos)).isEqualTo(DueScheduler.HOUSEKEEPING);
	}

}
