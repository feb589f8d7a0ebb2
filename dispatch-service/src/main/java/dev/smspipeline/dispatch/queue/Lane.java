package dev.smspipeline.dispatch.queue;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.events.MessageRequested;

/**
 * One recipient number's texts in dispatch, in request order.
 *
 * <p>
 * Only its head is ever attempted, and one attempt at a time ({@link #markBusy}), which
 * keeps the order and lets the pacer see every answer before the next text starts. Once
 * texts of the number are parked ({@link #parking()}), every new one is parked behind
 * them until the backlog is fed back in order, so a text never overtakes an earlier one.
 *
 * <p>
 * Not thread-safe: guarded by the lock of the {@link Lanes} it belongs to.
 */
final class Lane {

	private final String recipient;

	/** The epoch of the partition the number is on, as this instance holds it. */
	private PartitionProgress progress;

	/** Texts in memory; the head may be in flight. */
	private final ArrayDeque<Work> queue = new ArrayDeque<>();

	/** The head is being attempted. */
	private boolean busy;

	/** Its partition was revoked; only an attempt in flight is left. */
	private boolean revoked;

	/** New texts go to the parked table, behind those parked before. */
	private boolean parkedMode;

	/** A load from the parked table is under way. */
	private boolean loading;

	/** Texts parked and not loaded, as far as this instance knows (for the gauge). */
	private long parked;

	/** Parks asked for and not written yet. */
	private int pendingParks;

	/** The highest source offset fed back from the parked table (-1: none). */
	private long lastLoaded = -1;

	/**
	 * A parked row not to be fed back before the consumer has read up to it (-1: none):
	 * after a restart, texts of the number below it may still be on their way.
	 */
	private long blockedAt = -1;

	/** The head may not be attempted before this (its own backoff), or {@code null}. */
	private Instant retryAt;

	/** The head {@link #retryAt} belongs to. */
	private Work retryFor;

	/** Version of the lane's entry in the due queue; older entries are stale. */
	private long version;

	Lane(String recipient, PartitionProgress progress) {
		this.recipient = recipient;
		this.progress = progress;
	}

	String recipient() {
		return this.recipient;
	}

	PartitionProgress progress() {
		return this.progress;
	}

	/** Whether the number is on this epoch of its partition. */
	boolean on(PartitionProgress progress) {
		return this.progress == progress;
	}

	/**
	 * The number is on a new epoch of its partition: start over, keep what is in flight.
	 */
	void attach(PartitionProgress progress) {
		this.progress = progress;
		this.revoked = false;
		this.parkedMode = false;
		this.parked = 0;
		this.lastLoaded = -1;
		this.blockedAt = -1;
	}

	// ---- the queue --------------------------------------------------------------------

	void enqueue(Work work) {
		this.queue.addLast(work);
	}

	/** The oldest text in memory, or {@code null}. */
	Work head() {
		return this.queue.peekFirst();
	}

	int size() {
		return this.queue.size();
	}

	boolean isEmpty() {
		return this.queue.isEmpty();
	}

	/** Whether its head may be scheduled: there is one, not in flight, not revoked. */
	boolean ready() {
		return !this.busy && !this.revoked && !this.queue.isEmpty();
	}

	boolean busy() {
		return this.busy;
	}

	boolean revoked() {
		return this.revoked;
	}

	/** Its head's attempt starts. */
	void markBusy() {
		this.busy = true;
	}

	/** Its head's attempt came back. */
	void attemptEnded() {
		this.busy = false;
	}

	/**
	 * The head is done with (decided, or stale after a revocation): the next text becomes
	 * the head.
	 * @param head the text that was attempted
	 * @return whether it was still the head and was removed
	 */
	boolean finishHead(Work head) {
		boolean removed = this.queue.peekFirst() == head;
		if (removed) {
			this.queue.pollFirst();
		}
		this.retryFor = null;
		this.retryAt = null;
		return removed;
	}

	/** The head may not be attempted before {@code at} (its own backoff). */
	void retryAt(Work head, Instant at) {
		this.retryFor = head;
		this.retryAt = at;
	}

	/** The backoff of {@code head}, or {@code null}. */
	Instant retryAt(Work head) {
		return (this.retryFor == head) ? this.retryAt : null;
	}

	/**
	 * Its partition is revoked: drops every queued text but the one in flight, which
	 * still comes back.
	 * @return the texts dropped
	 */
	List<Work> revoke() {
		this.revoked = true;
		this.parkedMode = false;
		this.retryFor = null;
		Work inFlight = this.busy ? this.queue.peekFirst() : null;
		List<Work> dropped = new ArrayList<>(this.queue.size());
		for (Work work : this.queue) {
			if (work != inFlight) {
				dropped.add(work);
			}
		}
		this.queue.clear();
		if (inFlight != null) {
			this.queue.addLast(inFlight);
		}
		return dropped;
	}

	/**
	 * Removes the queued texts {@code covered} matches, but not the one in flight.
	 * @param covered which texts to remove
	 * @return the texts removed
	 */
	List<Work> sweep(Predicate<MessageRequested> covered) {
		Work inFlight = this.busy ? this.queue.peekFirst() : null;
		List<Work> swept = new ArrayList<>();
		for (Iterator<Work> it = this.queue.iterator(); it.hasNext();) {
			Work work = it.next();
			if (work != inFlight && covered.test(work.request())) {
				it.remove();
				swept.add(work);
			}
		}
		return swept;
	}

	/** A new version of its entry in the due queue; earlier entries are stale. */
	long nextVersion() {
		return ++this.version;
	}

	/** Whether {@code version} is that of its latest entry in the due queue. */
	boolean current(long version) {
		return this.version == version;
	}

	/** Nothing left: no text, no attempt, no load, no park under way. */
	boolean idle() {
		return this.queue.isEmpty() && !this.busy && !this.loading && !this.parkedMode && this.pendingParks == 0;
	}

	// ---- the backlog ------------------------------------------------------------------

	/** Whether new texts go to the parked table, behind those parked before. */
	boolean parking() {
		return this.parkedMode;
	}

	/** The number has texts in the parked table: park new texts behind them. */
	void parkBehindBacklog() {
		this.parkedMode = true;
	}

	/** A park of one of its texts is asked for. */
	void parkStarted() {
		this.parkedMode = true;
		this.pendingParks++;
	}

	/** A park asked for is written (or abandoned). */
	void parkEnded() {
		this.pendingParks--;
	}

	/** Whether parks asked for are not written yet. */
	boolean parksPending() {
		return this.pendingParks > 0;
	}

	long parked() {
		return this.parked;
	}

	/**
	 * Counts texts parked ({@code delta > 0}) or fed back, never below zero.
	 * @param delta the change
	 * @return the change applied
	 */
	long countParked(long delta) {
		long next = Math.max(0, this.parked + delta);
		long applied = next - this.parked;
		this.parked = next;
		return applied;
	}

	/**
	 * Whether it wants its next parked texts: in parked mode, no load under way, and its
	 * queue at most half full.
	 * @param perNumber the most texts of one number in memory
	 */
	boolean wantsLoad(int perNumber) {
		return this.parkedMode && !this.loading && !this.revoked && this.queue.size() <= perNumber / 2;
	}

	/**
	 * Starts a load, unless its next parked row is one the consumer has not read up to
	 * yet.
	 * @param takenBelow the offset below which the partition's records are all taken
	 * @return whether the load starts
	 */
	boolean startLoading(long takenBelow) {
		if (this.blockedAt >= 0 && this.blockedAt >= takenBelow) {
			return false;
		}
		this.blockedAt = -1;
		this.loading = true;
		return true;
	}

	void loadEnded() {
		this.loading = false;
	}

	/** The highest source offset fed back so far (-1: none). */
	long lastLoaded() {
		return this.lastLoaded;
	}

	/** A parked text of {@code offset} is back in the queue. */
	void loaded(long offset) {
		this.lastLoaded = offset;
	}

	/** The parked row at {@code offset} waits until the consumer has read up to it. */
	void blockAt(long offset) {
		this.blockedAt = offset;
	}

	/** Its backlog is all fed back: new texts are queued again. */
	void backlogDrained() {
		this.parkedMode = false;
	}

}
