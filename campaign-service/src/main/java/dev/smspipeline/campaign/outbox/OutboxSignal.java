package dev.smspipeline.campaign.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Wakes the relay when this instance committed outbox records, so they go out without
 * waiting for the next poll. Other instances' records are found by polling.
 */
@Component
class OutboxSignal {

	private final Semaphore permits = new Semaphore(0);

	void nudge() {
		if (this.permits.availablePermits() == 0) {
			this.permits.release();
		}
	}

	void await(Duration timeout) {
		try {
			this.permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
			this.permits.drainPermits();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
