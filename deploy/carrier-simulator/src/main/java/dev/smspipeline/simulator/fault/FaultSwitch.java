package dev.smspipeline.simulator.fault;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault in force. Switching one on replaces the previous one; a fault with a duration
 * switches itself off when it has run out (checked on every create, so exactly on time).
 */
public final class FaultSwitch {

	private static final System.Logger logger = System.getLogger(FaultSwitch.class.getName());

	private final Duration defaultTimeoutDelay;

	private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);

	private final AtomicLong erroredCreates = new AtomicLong();

	private final AtomicLong heldCreates = new AtomicLong();

	/**
	 * Creates a switch, off.
	 * @param defaultTimeoutDelay how long a {@link FaultMode#TIMEOUT} holds each answer
	 * when the request to switch it on names no delay
	 */
	public FaultSwitch(Duration defaultTimeoutDelay) {
		this.defaultTimeoutDelay = Objects.requireNonNull(defaultTimeoutDelay, "defaultTimeoutDelay");
	}

	/**
	 * Switches a fault on (or off, for {@link FaultMode#NONE}).
	 * @param mode the mode
	 * @param duration how long it lasts; {@code null} or zero: until switched off
	 * @param timeoutDelay how long a TIMEOUT holds each answer; {@code null}: the default
	 * @param now epoch milliseconds
	 * @return the fault now in force
	 */
	public Fault switchOn(FaultMode mode, Duration duration, Duration timeoutDelay, long now) {
		Objects.requireNonNull(mode, "mode");
		if (duration != null && duration.isNegative()) {
			throw new IllegalArgumentException("durationSeconds must not be negative");
		}
		if (timeoutDelay != null && (timeoutDelay.isNegative() || timeoutDelay.isZero())) {
			throw new IllegalArgumentException("timeoutDelayMillis must be positive");
		}
		if (mode == FaultMode.NONE) {
			return switchOff();
		}
		Long until = (duration == null || duration.isZero()) ? null : now + duration.toMillis();
		Fault next = new Fault(mode, now, until, (timeoutDelay != null) ? timeoutDelay : this.defaultTimeoutDelay);
		this.fault.set(next);
		logger.log(System.Logger.Level.INFO, "Fault " + mode + " switched on"
				+ ((until != null) ? " for " + duration.toMillis() + " ms" : " until switched off")
				+ ((mode == FaultMode.TIMEOUT) ? ", answers held " + next.timeoutDelay().toMillis() + " ms" : ""));
		return next;
	}

	/**
	 * Switches any fault off at once.
	 * @return {@link Fault#NONE}
	 */
	public Fault switchOff() {
		Fault previous = this.fault.getAndSet(Fault.NONE);
		if (previous.mode() != FaultMode.NONE) {
			logger.log(System.Logger.Level.INFO, "Fault " + previous.mode() + " switched off");
		}
		return Fault.NONE;
	}

	/**
	 * The fault acting at {@code now}: {@link Fault#NONE} when none is on or it has run
	 * out.
	 * @param now epoch milliseconds
	 * @return the fault
	 */
	public Fault current(long now) {
		Fault current = this.fault.get();
		return current.activeAt(now) ? current : Fault.NONE;
	}

	/** Counts a create answered 500 by the fault. */
	public void countErrored() {
		this.erroredCreates.incrementAndGet();
	}

	/** Counts a create whose answer the fault held. */
	public void countHeld() {
		this.heldCreates.incrementAndGet();
	}

	/**
	 * Creates answered HTTP 500 by a fault, since the start.
	 * @return the count
	 */
	public long erroredCreates() {
		return this.erroredCreates.get();
	}

	/**
	 * Creates whose answer a TIMEOUT fault held, since the start.
	 * @return the count
	 */
	public long heldCreates() {
		return this.heldCreates.get();
	}

}
