package dev.smspipeline.simulator.messages;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.smspipeline.simulator.http.TwilioError;
import dev.smspipeline.simulator.scenario.Scenario;

/**
 * The carrier's per-number state and its decision on each create: the rate rule that
 * holds for every number (no second accepted create within the window), then the
 * scenario's refusals. Decisions for one number are serialised; different numbers never
 * wait on each other.
 * <p>
 * Memory stays small: one timestamp per number accepted within the last few windows
 * (older ones are swept), plus the numbers and messages of scenarios that remember their
 * first creates.
 */
public final class NumberLedger {

	private final long windowMillis;

	private final ConcurrentHashMap<String, Long> lastAccepted = new ConcurrentHashMap<>();

	private final Set<String> firstCreateSeen = ConcurrentHashMap.newKeySet();

	private final ConcurrentHashMap<String, Integer> failedCreates = new ConcurrentHashMap<>();

	/**
	 * Creates a ledger.
	 * @param windowMillis least time between two accepted creates to one number; 0 turns
	 * the rule off
	 */
	public NumberLedger(long windowMillis) {
		this.windowMillis = windowMillis;
	}

	/**
	 * Decides a create and, when it is accepted, records it.
	 * @param to the recipient
	 * @param messageKey what identifies the message across retries (its idempotency key,
	 * else To and Body)
	 * @param scenario the recipient's scenario
	 * @param now the arrival time, epoch milliseconds
	 * @return {@code null} when accepted, else the error to answer
	 */
	public TwilioError decide(String to, String messageKey, Scenario scenario, long now) {
		TwilioError[] refusal = new TwilioError[1];
		this.lastAccepted.compute(to, (number, last) -> {
			if (last != null && this.windowMillis > 0 && now - last < this.windowMillis) {
				long waitMillis = last + this.windowMillis - now;
				refusal[0] = TwilioError.rateLimited((int) Math.min(Integer.MAX_VALUE, (waitMillis + 999) / 1000));
				return last;
			}
			refusal[0] = scenarioRefusal(number, messageKey, scenario);
			if (refusal[0] != null) {
				return last;
			}
			return (last != null) ? Math.max(last, now) : now;
		});
		return refusal[0];
	}

	private TwilioError scenarioRefusal(String number, String messageKey, Scenario scenario) {
		if (scenario.refuses()) {
			return new TwilioError(scenario.refuseStatus(), scenario.refuseCode(), scenario.refuseMessage());
		}
		if (scenario.rateLimitFirstCreateSeconds() > 0 && this.firstCreateSeen.add(number)) {
			return TwilioError.rateLimited(scenario.rateLimitFirstCreateSeconds());
		}
		int failures = scenario.failFirstCreates();
		if (failures > 0) {
			int attempt = this.failedCreates.merge(messageKey, 1,
					(count, one) -> (count > failures) ? count : count + 1);
			if (attempt <= failures) {
				return TwilioError.internalError();
			}
		}
		return null;
	}

	/**
	 * Forgets the accept times that can no longer hold anything back.
	 * @param now the time, epoch milliseconds
	 */
	public void sweep(long now) {
		this.lastAccepted.values().removeIf((last) -> now - last >= this.windowMillis);
	}

	/**
	 * How many numbers have an accept time remembered.
	 * @return the count
	 */
	public int trackedNumbers() {
		return this.lastAccepted.size();
	}

	public void clear() {
		this.lastAccepted.clear();
		this.firstCreateSeen.clear();
		this.failedCreates.clear();
	}

}
