package dev.smspipeline.dispatch.queue;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one lock that guards the lanes, the due queue and the counts, and the signal that
 * wakes the scheduler when something changed. Reentrant: a part that reports back on the
 * thread that launched it (a synchronous executor, in tests) takes it again.
 */
final class DispatchLock {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	void lock() {
		this.lock.lock();
	}

	void unlock() {
		this.lock.unlock();
	}

	/** Wakes the scheduler; the caller holds the lock. */
	void wake() {
		this.changed.signal();
	}

	/** Wakes every waiter; the caller holds the lock. */
	void wakeAll() {
		this.changed.signalAll();
	}

	/**
	 * Waits, without the lock, until woken or {@code nanos} pass; the caller holds it.
	 * @param nanos the longest wait
	 * @throws InterruptedException when interrupted
	 */
	void await(long nanos) throws InterruptedException {
		this.changed.awaitNanos(nanos);
	}

}
