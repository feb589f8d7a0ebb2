package dev.smspipeline.dispatch.queue;

import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.Predicate;

import dev.smspipeline.dispatch.throttle.RecipientPacer;
import dev.smspipeline.events.MessageRequested;

/**
 * The lanes whose head waits for its turn, by the instant it may go: the latest of the
 * pacer's earliest instant, the head's own backoff and its {@code notBefore}, but never
 * after its validity ends (it is then decided as expired) and at once when it is
 * cancelled. A held number only has a later due time; nothing waits on a thread for it.
 *
 * <p>
 * A lane has at most one live entry: scheduling it again makes the earlier entry stale.
 * Not thread-safe: every call is made under the {@link DispatchLock}.
 */
final class DueLanes {

	private final PriorityQueue<Due> due = new PriorityQueue<>();

	private final RecipientPacer pacer;

	private final Predicate<MessageRequested> cancelled;

	private final DispatchLock lock;

	private long sequence;

	DueLanes(RecipientPacer pacer, Predicate<MessageRequested> cancelled, DispatchLock lock) {
		this.pacer = pacer;
		this.cancelled = cancelled;
		this.lock = lock;
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
	 * Takes the next lane whose head may go now. A lane found later than it was due
	 * (another lane took the sender's budget, or a hold came in) is put back in line.
	 * @param now the current time
	 * @return the lane, or {@code null} when none is due
	 */
	Lane pollDue(Instant now) {
		while (true) {
			Due next = this.due.peek();
			if (next == null || next.at().isAfter(now)) {
				return null;
			}
			this.due.poll();
			Lane lane = next.lane();
			if (!lane.current(next.version()) || !lane.ready()) {
				continue;
			}
			Instant at = dueAt(lane, lane.head(), now);
			if (at.isAfter(now)) {
				add(lane, at);
				continue;
			}
			return lane;
		}
	}

	/** When the first lane in line is due, or {@code null} when none is. */
	Instant nextAt() {
		Due next = this.due.peek();
		return (next != null) ? next.at() : null;
	}

	private void add(Lane lane, Instant at) {
		this.due.add(new Due(at, ++this.sequence, lane, lane.nextVersion()));
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
