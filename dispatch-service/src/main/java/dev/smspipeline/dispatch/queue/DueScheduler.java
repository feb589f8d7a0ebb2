package dev.smspipeline.dispatch.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.smspipeline.dispatch.throttle.RecipientPacer;
import dev.smspipeline.events.TrafficClass;

/**
 * The one thread that starts due heads: each round ({@link #runDue}) launches every lane
 * whose head may go now, as long as the workers have room, then the thread sleeps until
 * the next head is due, something changes, or a second passes. Every due TRANSACTIONAL
 * head starts before any due BULK head ({@link DueLanes#pollDue}), and bulk heads start
 * only while the workers have room beyond the calls reserved for transactional texts
 * ({@link AttemptRunner#hasRoom}). Each round publishes how long the oldest due head of
 * each class has waited. Once a second it also lets the pacer forget idle numbers and
 * publishes the held numbers.
 *
 * <p>
 * Started and stopped by Spring, before the intake's listener containers start and after
 * they stop; a failing round is logged and the next one goes on, so a bug cannot stop
 * every number. Tests run rounds themselves, without the thread.
 */
final class DueScheduler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DueScheduler.class);

	static final Duration HOUSEKEEPING = Duration.ofSeconds(1);

	/**
	 * Below the listener containers' phase: running before they start, after they stop.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1000;

	private final DispatchLock lock;

	private final DueLanes due;

	private final AttemptRunner runner;

	private final Lanes lanes;

	private final RecipientPacer pacer;

	private final DispatchMetrics metrics;

	private final Clock clock;

	private Instant nextHousekeeping = Instant.MIN;

	private volatile boolean running;

	private Thread thread;

	DueScheduler(DispatchLock lock, DueLanes due, AttemptRunner runner, Lanes lanes, RecipientPacer pacer,
			DispatchMetrics metrics, Clock clock) {
		this.lock = lock;
		this.due = due;
		this.runner = runner;
		this.lanes = lanes;
		this.pacer = pacer;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * One round: launches what is due at {@code now}.
	 * @param now the current time
	 * @return how long to sleep before the next round, in nanoseconds
	 */
	long runDue(Instant now) {
		this.lock.lock();
		try {
			housekeeping(now);
			while (this.runner.hasRoom(TrafficClass.TRANSACTIONAL)) {
				Lane lane = this.due.pollDue(now, this.runner.hasRoom(TrafficClass.BULK));
				if (lane == null) {
					break;
				}
				this.runner.launch(lane, now);
			}
			for (TrafficClass trafficClass : TrafficClass.values()) {
				this.metrics.oldestDue(trafficClass, this.due.oldestDue(trafficClass, now));
			}
			long waitNanos = HOUSEKEEPING.toNanos();
			Instant next = this.due.nextAt(this.runner.hasRoom(TrafficClass.BULK));
			if (next != null && this.runner.hasRoom(TrafficClass.TRANSACTIONAL)) {
				waitNanos = Math.min(waitNanos, Duration.between(now, next).toNanos());
			}
			return waitNanos;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void housekeeping(Instant now) {
		if (now.isBefore(this.nextHousekeeping)) {
			return;
		}
		this.nextHousekeeping = now.plus(HOUSEKEEPING);
		this.pacer.evictIdle(now);
		this.metrics.held(this.pacer.heldCount(now));
		this.metrics.lanes(this.lanes.size());
	}

	private void loop() {
		this.lock.lock();
		try {
			while (this.running) {
				try {
					long waitNanos = runDue(this.clock.instant());
					if (waitNanos > 0) {
						this.lock.await(waitNanos);
					}
				}
				catch (RuntimeException ex) {
					// a bug must not stop every number: log it, back off a little, go on
					log.error("The dispatch scheduler failed; going on", ex);
					this.lock.await(HOUSEKEEPING.toNanos());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.thread = new Thread(this::loop, "dispatch-scheduler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.lock.lock();
		try {
			this.lock.wakeAll();
		}
		finally {
			this.lock.unlock();
		}
		try {
			this.thread.join(2_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
