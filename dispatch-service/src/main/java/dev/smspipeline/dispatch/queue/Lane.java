package dev.smspipeline.dispatch.queue;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.TrafficClass;

/**
 * One recipient number's texts in dispatch: one queue per traffic class and account, each
 * in request order.
 *
 * <p>
 * <strong>Order of service.</strong> Its head is the next text to go: the text in flight
 * while there is one, else the first TRANSACTIONAL text, else the first BULK text. Within
 * a class the accounts take turns (round-robin: an account whose text was just done goes
 * to the back of its class's turn), and each account's texts of a class stay in request
 * order. So 300 texts of one account to a number hold up another account's text to it by
 * at most one text (one pacing interval), and a login code overtakes the number's
 * newsletters. Order is only kept per (account, class), never across them.
 *
 * <p>
 * Only its head is ever attempted, and one attempt at a time ({@link #markBusy}), which
 * lets the pacer see every answer before the next text starts: the number's pacing is the
 * same whichever text goes. A head that waits out a retry stays the head unless a text of
 * a higher class (TRANSACTIONAL before BULK) arrives; it keeps its backoff.
 *
 * <p>
 * <strong>Parking.</strong> Once texts of an (account, class) are parked
 * ({@link #parking(Work)}), every new one of them is parked behind them until the
 * number's backlog is fed back in order, so a text never overtakes an earlier one of its
 * account and class; other accounts and classes are not parked behind them. A backlog
 * found at assignment ({@link #parkBehindBacklog}) is of unknown accounts and classes:
 * every new text of the number is parked behind it then.
 *
 * <p>
 * Not thread-safe: guarded by the lock of the {@link Lanes} it belongs to.
 */
final class Lane {

	private final String recipient;

	/** The epoch of the partition the number is on, as this instance holds it. */
	private PartitionProgress progress;

	/**
	 * Texts in memory per class, per account in turn order, each in request order; the
	 * head may be in flight (it stays first in its queue until it is finished).
	 */
	private final Map<TrafficClass, LinkedHashMap<String, ArrayDeque<Work>>> queues = new EnumMap<>(TrafficClass.class);

	/** Counts of every lane's queued texts per class. */
	private final QueuedByClass census;

	/** Texts in memory (in {@link #queues}). */
	private int size;

	/** The head being attempted, or {@code null}. */
	private Work inFlight;

	/** Its partition was revoked; only an attempt in flight is left. */
	private boolean revoked;

	/**
	 * Every new text goes to the parked table, behind those parked before (a backlog of
	 * unknown accounts and classes, found at assignment).
	 */
	private boolean parkAll;

	/** The (class, account) pairs whose new texts go to the parked table. */
	private final Set<Key> parkingKeys = new HashSet<>();

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

	Lane(String recipient, PartitionProgress progress, QueuedByClass census) {
		this.recipient = recipient;
		this.progress = progress;
		this.census = census;
		for (TrafficClass trafficClass : TrafficClass.values()) {
			this.queues.put(trafficClass, new LinkedHashMap<>());
		}
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
		stopParking();
		this.parked = 0;
		this.lastLoaded = -1;
		this.blockedAt = -1;
	}

	// ---- the queue --------------------------------------------------------------------

	void enqueue(Work work) {
		this.queues.get(work.trafficClass())
			.computeIfAbsent(work.account(), (account) -> new ArrayDeque<>())
			.addLast(work);
		this.size++;
		this.census.add(work.trafficClass(), 1);
	}

	/**
	 * The next text to go: the one in flight, else the first text of the highest class
	 * whose account's turn it is; {@code null} when there is none.
	 */
	Work head() {
		if (this.inFlight != null) {
			return this.inFlight;
		}
		for (LinkedHashMap<String, ArrayDeque<Work>> turns : this.queues.values()) {
			if (!turns.isEmpty()) {
				return turns.values().iterator().next().peekFirst();
			}
		}
		return null;
	}

	int size() {
		return this.size;
	}

	/** Texts in memory of the account and class of {@code work}. */
	int size(Work work) {
		ArrayDeque<Work> queue = this.queues.get(work.trafficClass()).get(work.account());
		return (queue != null) ? queue.size() : 0;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/** Whether its head may be scheduled: there is one, not in flight, not revoked. */
	boolean ready() {
		return this.inFlight == null && !this.revoked && this.size > 0;
	}

	boolean busy() {
		return this.inFlight != null;
	}

	boolean revoked() {
		return this.revoked;
	}

	/** Its head's attempt starts. */
	void markBusy() {
		this.inFlight = head();
	}

	/** Its head's attempt came back. */
	void attemptEnded() {
		this.inFlight = null;
	}

	/**
	 * The head is done with (decided, or stale after a revocation): its account goes to
	 * the back of its class's turn, and the next text becomes the head.
	 * @param head the text that was attempted
	 * @return whether it was still queued and was removed
	 */
	boolean finishHead(Work head) {
		LinkedHashMap<String, ArrayDeque<Work>> turns = this.queues.get(head.trafficClass());
		ArrayDeque<Work> queue = turns.get(head.account());
		boolean removed = queue != null && queue.peekFirst() == head;
		if (removed) {
			queue.pollFirst();
			turns.remove(head.account());
			if (!queue.isEmpty()) {
				turns.put(head.account(), queue);
			}
			this.size--;
			this.census.add(head.trafficClass(), -1);
		}
		if (this.retryFor == head) {
			this.retryFor = null;
			this.retryAt = null;
		}
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
		stopParking();
		this.retryFor = null;
		Work inFlight = this.inFlight;
		List<Work> dropped = removeAll((work) -> work != inFlight);
		return dropped;
	}

	/**
	 * Removes the queued texts {@code covered} matches, but not the one in flight.
	 * @param covered which texts to remove
	 * @return the texts removed
	 */
	List<Work> sweep(Predicate<MessageRequested> covered) {
		Work inFlight = this.inFlight;
		return removeAll((work) -> work != inFlight && covered.test(work.request()));
	}

	private List<Work> removeAll(Predicate<Work> removed) {
		List<Work> works = new ArrayList<>();
		for (LinkedHashMap<String, ArrayDeque<Work>> turns : this.queues.values()) {
			for (Iterator<ArrayDeque<Work>> queues = turns.values().iterator(); queues.hasNext();) {
				ArrayDeque<Work> queue = queues.next();
				for (Iterator<Work> it = queue.iterator(); it.hasNext();) {
					Work work = it.next();
					if (removed.test(work)) {
						it.remove();
						works.add(work);
						this.size--;
						this.census.add(work.trafficClass(), -1);
					}
				}
				if (queue.isEmpty()) {
					queues.remove();
				}
			}
		}
		return works;
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
		return this.size == 0 && this.inFlight == null && !this.loading && !parking() && this.pendingParks == 0;
	}

	// ---- the backlog ------------------------------------------------------------------

	/** Whether the number has texts in the parked table (some new texts go behind). */
	boolean parking() {
		return this.parkAll || !this.parkingKeys.isEmpty();
	}

	/** Whether a new text like {@code work} goes to the parked table, behind others. */
	boolean parking(Work work) {
		return this.parkAll || this.parkingKeys.contains(Key.of(work));
	}

	/**
	 * Whether every text it has parked is BULK (so feeding them back may wait for room
	 * for bulk texts).
	 */
	boolean parksOnlyBulk() {
		if (this.parkAll) {
			return false;
		}
		for (Key key : this.parkingKeys) {
			if (key.trafficClass() != TrafficClass.BULK) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The number has texts of unknown accounts and classes in the parked table: park
	 * every new text behind them.
	 */
	void parkBehindBacklog() {
		this.parkAll = true;
	}

	/** A park of {@code work} is asked for: its account and class park from now on. */
	void parkStarted(Work work) {
		this.parkingKeys.add(Key.of(work));
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
		return parking() && !this.loading && !this.revoked && this.size <= perNumber / 2;
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
		stopParking();
	}

	private void stopParking() {
		this.parkAll = false;
		this.parkingKeys.clear();
	}

	/** An account's texts of one class to the number. */
	private record Key(TrafficClass trafficClass, String account) {

		static Key of(Work work) {
			return new Key(work.trafficClass(), work.account());
		}

	}

}
