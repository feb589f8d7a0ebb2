package dev.smspipeline.dispatch.queue;

import java.time.Instant;
import java.util.ArrayDeque;

import dev.smspipeline.dispatch.offsets.PartitionProgress;

/**
 * One recipient number's texts in dispatch, in request order. Only its head is ever
 * attempted, and one attempt at a time ({@code busy}), which keeps the order and lets the
 * pacer see every answer before the next text starts. All fields are guarded by the
 * dispatcher's lock.
 */
final class Lane {

	final String recipient;

	/** The epoch of the partition the number is on, as this instance holds it. */
	PartitionProgress progress;

	/** Texts in memory; the head may be in flight. */
	final ArrayDeque<Work> queue = new ArrayDeque<>();

	/** The head is being attempted. */
	boolean busy;

	/** Its partition was revoked; only an attempt in flight is left. */
	boolean revoked;

	/** New texts go to the parked table, behind those parked before. */
	boolean parkedMode;

	/** A load from the parked table is under way. */
	boolean loading;

	/** Texts parked and not loaded, as far as this instance knows (for the gauge). */
	long parked;

	/** Parks asked for and not written yet. */
	int pendingParks;

	/** The highest source offset fed back from the parked table (-1: none). */
	long lastLoaded = -1;

	/**
	 * A parked row not to be fed back before the consumer has read up to it (-1: none):
	 * after a restart, texts of the number below it may still be on their way.
	 */
	long blockedAt = -1;

	/** The head may not be attempted before this (its own backoff), or {@code null}. */
	Instant retryAt;

	/** The head {@link #retryAt} belongs to. */
	Work retryFor;

	/** Version of the lane's entry in the due queue; older entries are stale. */
	long version;

	Lane(String recipient, PartitionProgress progress) {
		this.recipient = recipient;
		this.progress = progress;
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

	boolean idle() {
		return this.queue.isEmpty() && !this.busy && !this.loading && !this.parkedMode && this.pendingParks == 0;
	}

	Instant retryAt(Work head) {
		return (this.retryFor == head) ? this.retryAt : null;
	}

}
