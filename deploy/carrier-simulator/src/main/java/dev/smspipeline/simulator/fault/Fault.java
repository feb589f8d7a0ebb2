package dev.smspipeline.simulator.fault;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fault switched on at {@code since}, until {@code until} (or until switched off).
 *
 * @param mode what the carrier does to creates
 * @param since when it was switched on, epoch milliseconds
 * @param until when it switches itself off, epoch milliseconds, or {@code null} for never
 * @param timeoutDelay how long a {@link FaultMode#TIMEOUT} holds each answer
 */
public record Fault(FaultMode mode, long since, Long until, Duration timeoutDelay) {

	/** No fault. */
	public static final Fault NONE = new Fault(FaultMode.NONE, 0, null, Duration.ZERO);

	public Fault {
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(timeoutDelay, "timeoutDelay");
	}

	/**
	 * Whether the fault is on at {@code now}.
	 * @param now epoch milliseconds
	 * @return {@code true} when it acts on creates
	 */
	public boolean activeAt(long now) {
		return this.mode != FaultMode.NONE && (this.until == null || now < this.until);
	}

	/**
	 * The fault as {@code GET /sim/faults} shows it.
	 * @param now epoch milliseconds
	 * @return {@code mode}, {@code active}, {@code since}, {@code until},
	 * {@code remainingSeconds}, {@code timeoutDelayMillis}
	 */
	public Map<String, Object> describe(long now) {
		boolean active = activeAt(now);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mode", active ? this.mode.name() : FaultMode.NONE.name());
		body.put("active", active);
		body.put("since", active ? this.since : null);
		body.put("until", active ? this.until : null);
		body.put("remainingSeconds", (active && this.until != null) ? (this.until - now + 999) / 1000 : null);
		body.put("timeoutDelayMillis",
				(active && this.mode == FaultMode.TIMEOUT) ? this.timeoutDelay.toMillis() : null);
		return body;
	}

}
