package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;

import dev.smspipeline.dispatch.throttle.RecipientPacer;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.TrafficClass;

/**
 * The lanes whose head waits for its turn, by the instant it may go: the latest of the
 * pacer's earliest instant, the head's own backoff and its {@code notBefore}, but never
 * after its validity ends (it is then decided as expired) and at once when it is
 * cancelled. A held number only has a later due time; nothing waits on a thread for it.
 *
 * <p>
 * <strong>Classes.</strong> One queue per traffic class; a lane is in the queue of its
 * head's class ({@link Lane#head()}: a lane with a transactional text has a transactional
 * head). {@link #pollDue} hands out every due TRANSACTIONAL lane before any due BULK
 * lane, however long the bulk ones have been due, and bulk lanes only when the caller has
 * room for them. Within a class, lanes go in due order.
 *
 * <p>
 * A lane has at most one live entry: scheduling it again (its head changed, or it came
 * back) makes the earlier entry stale. Not thread-safe: every call is made under the
 * {@link DispatchLock}.
 */
final class DueLanes {

	private final Map<TrafficClass, PriorityQueue<Due>> due = new EnumMap<>(TrafficClass.class);

	private final RecipientPacer pacer;

	private final Predicate<MessageRequested> cancelled;

	private final DispatchLock lock;

	private long sequence;

	DueLanes(RecipientPacer pacer, Predicate<MessageRequested> cancelled, DispatchLock lock) {
		this.pacer = pacer;
		this.cancelled = cancelled;
		this.lock = lock;
		for (TrafficClass trafficClass : TrafficClass.values()) {
			this.due.put(trafficClass, new PriorityQueue<>());
		}
	}

	/**
	 * Puts the lane's head in line, when it has one that is not in flight, and wakes the
	 * scheduler.
	 * @param lane the lane
	 * @param now the current time
	 */
	void schedule(Lane lane, Instant now) {
		if (!lane.ready()) {
			return;
		}
		add(lane, dueAt(lane, lane.head(), now));
		this.lock.wake();
	}

	/**
	 * Takes the next lane whose head may go now: a transactional one while any is due,
	 * else a bulk one if {@code bulk} allows. A lane found later than it was due (another
	 * lane took the sender's budget, or a hold came in) is put back in line.
	 * @param now the current time
	 * @param bulk whether a bulk head may start
	 * @return the lane, or {@code null} when none is due
	 */
	Lane pollDue(Instant now, boolean bulk) {
		Lane lane = pollDue(TrafficClass.TRANSACTIONAL, now);
		if (lane == null && bulk) {
			lane = pollDue(TrafficClass.BULK, now);
		}
		return lane;
	}

	private Lane pollDue(TrafficClass trafficClass, Instant now) {
		PriorityQueue<Due> queue = this.due.get(trafficClass);
		while (true) {
			Due next = queue.peek();
			if (next == null || next.at().isAfter(now)) {
				return null;
			}
			queue.poll();
			Lane lane = next.lane();
			if (!lane.current(next.version()) || !lane.ready()) {
				continue;
			}
			Work head = lane.head();
			Instant at = dueAt(lane, head, now);
			if (at.isAfter(now) || head.trafficClass() != trafficClass) {
				add(lane, at);
				continue;
			}
			return lane;
		}
	}

	/**
	 * When the first lane in line is due, or {@code null} when none is.
	 * @param bulk whether bulk lanes count (there is room to start one)
	 */
	Instant nextAt(boolean bulk) {
		Instant next = nextAt(TrafficClass.TRANSACTIONAL);
		Instant nextBulk = bulk ? nextAt(TrafficClass.BULK) : null;
		return (next == null || (nextBulk != null && nextBulk.isBefore(next))) ? nextBulk : next;
	}

	private Instant nextAt(TrafficClass trafficClass) {
		Due next = this.due.get(trafficClass).peek();
		return (next != null) ? next.at() : null;
	}

	/**
	 * How long the longest-waiting due head of {@code trafficClass} has been due (zero
	 * when none is due). Drops stale entries at the front of its queue on the way.
	 * @param trafficClass the class
	 * @param now the current time
	 * @return the age
	 */
	Duration oldestDue(TrafficClass trafficClass, Instant now) {
		PriorityQueue<Due> queue = this.due.get(trafficClass);
		Due next = queue.peek();
		while (next != null && (!next.lane().current(next.version()) || !next.lane().ready())) {
			queue.poll();
			next = queue.peek();
		}
		return (next != null && next.at().isBefore(now)) ? Duration.between(next.at(), now) : Duration.ZERO;
	}

	private void add(Lane lane, Instant at) {
		Work head = lane.head();
		this.due.get(head.trafficClass()).add(new Due(at, ++this.sequence, lane, lane.nextVersion()));
	}

	private Instant dueAt(Lane lane, Work head, Instant now) {
		MessageRequested request = head.request();
		if (this.cancelled.test(request)) {
			return now;
		}
		Instant at = this.pacer.earliest(request.getRecipient(), request.getSender(), request.getSegments(), now);
		at = later(at, lane.retryAt(head));
		at = later(at, request.getNotBefore());
		Instant expiresAt = request.getExpiresAt();
		if (expiresAt != null && expiresAt.isBefore(at)) {
			at = later(now, expiresAt);
		}
		return at;
	}

	private static Instant later(Instant a, Instant b) {
		return (b != null && b.isAfter(a)) ? b : a;
	}

	/** A lane due at {@code at}; stale once the lane's version moved on. */
	private record Due(Instant at, long sequence, Lane lane, long version) implements Comparable<Due> {

		@Override
		public int compareTo(Due other) {
			int byTime = this.at.compareTo(other.at);
			return (byTime != 0) ? byTime : Long.compare(this.sequence, other.sequence);
		}

	}

}
