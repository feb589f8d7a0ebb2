package dev.smspipeline.simulator.messages;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every create request received, in arrival order. Past its limit the oldest entries are
 * dropped.
 */
public final class MessageLog {

	private final int limit;

	private final AtomicLong arrivals = new AtomicLong();

	private final ArrayDeque<Entry> entries = new ArrayDeque<>();

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

	public void clear() {
		synchronized (this.entries) {
			this.entries.clear();
		}
	}

	private record Entry(long arrival, ReceivedMessage message) {
	}

}
