package dev.smspipeline.simulator.messages;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every create request received, in arrival order. Past its limit the oldest entries are
 * dropped; the counts per outcome keep counting.
 */
public final class MessageLog {

	private final int limit;

	private final AtomicLong arrivals = new AtomicLong();

	private final ArrayDeque<Entry> entries = new ArrayDeque<>();

	private final AtomicLongArray outcomes = new AtomicLongArray(Outcome.values().length);

	/**
	 * Creates a log.
	 * @param limit most entries kept
	 */
	public MessageLog(int limit) {
		this.limit = limit;
	}

	/**
	 * Numbers a request as it arrives; the log is ordered by this number.
	 * @return the arrival number
	 */
	public long arrive() {
		return this.arrivals.incrementAndGet();
	}

	/**
	 * Records a request once answered.
	 * @param arrival its arrival number
	 * @param message what was received and answered
	 */
	public void add(long arrival, ReceivedMessage message) {
		Entry entry = new Entry(arrival, message);
		this.outcomes.incrementAndGet(message.outcome().ordinal());
		synchronized (this.entries) {
			this.entries.addLast(entry);
			if (this.entries.size() > this.limit) {
				this.entries.removeFirst();
			}
		}
	}

	/**
	 * Every entry, in arrival order.
	 * @return an immutable list
	 */
	public List<ReceivedMessage> snapshot() {
		List<Entry> copy;
		synchronized (this.entries) {
			copy = new ArrayList<>(this.entries);
		}
		copy.sort(Comparator.comparingLong(Entry::arrival));
		List<ReceivedMessage> messages = new ArrayList<>(copy.size());
		for (Entry entry : copy) {
			messages.add(entry.message());
		}
		return List.copyOf(messages);
	}

	/**
	 * How many entries are kept.
	 * @return the count
	 */
	public int size() {
		synchronized (this.entries) {
			return this.entries.size();
		}
	}

	/**
	 * Requests logged per outcome since the start or the last {@link #clear()}, dropped
	 * ones included.
	 * @return the counts, by outcome
	 */
	public Map<Outcome, Long> outcomeCounts() {
		Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
		for (Outcome outcome : Outcome.values()) {
			counts.put(outcome, this.outcomes.get(outcome.ordinal()));
		}
		return counts;
	}

	public void clear() {
		synchronized (this.entries) {
			this.entries.clear();
			for (int i = 0; i < this.outcomes.length(); i++) {
				this.outcomes.set(i, 0);
			}
		}
	}

	private record Entry(long arrival, ReceivedMessage message) {
	}

}
