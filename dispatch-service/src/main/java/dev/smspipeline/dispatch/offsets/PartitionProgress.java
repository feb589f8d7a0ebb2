package dev.smspipeline.dispatch.offsets;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.support.Acknowledgment;

/**
 * The progress of one assigned partition in one assignment (an <em>epoch</em>): which
 * records taken from it are not finished yet, and what may be committed.
 *
 * <p>
 * <strong>Commit rule.</strong> Records finish out of order (a text to a held number
 * waits while later texts to other numbers go). The committed offset is always one past
 * the highest offset below which every record taken is finished, so a crash or a
 * rebalance redelivers every unfinished record and no finished one is lost: a finished
 * record above the first unfinished one is redelivered, and the {@code submission} table
 * makes that harmless.
 *
 * <p>
 * <strong>Memory.</strong> Only unfinished records are kept, in offset order. For each,
 * the acknowledgment of the highest finished record between it and the next unfinished
 * one is kept too, so when the first unfinished record finishes the watermark jumps to
 * the next one in one step, acknowledging that record, and finished records cost nothing.
 * Offsets never seen (transaction markers, compacted records) count as finished, as in
 * Parallel Consumer.
 *
 * <p>
 * <strong>Acknowledgments</strong> are Spring Kafka's, in {@code AckMode.MANUAL}: an
 * acknowledgment from any thread is queued to the consumer thread and committed after the
 * next poll; the container commits the highest acknowledged offset + 1 per partition. We
 * only ever acknowledge the record at the watermark, so the container's "highest wins"
 * never commits past an unfinished record.
 *
 * <p>
 * <strong>Fencing.</strong> Once {@link #revoke() revoked}, the progress ignores every
 * later completion: work that finishes after its partition went elsewhere can never move
 * the new owner's offset (Parallel Consumer's assignment epochs).
 *
 * <p>
 * Thread-safe: the consumer thread tracks records, worker threads complete them.
 */
public final class PartitionProgress {

	private final TopicPartition partition;

	private final long startPosition;

	private final Instant assignedAt;

	private final TreeMap<Long, Slot> unfinished = new TreeMap<>();

	private long highestSeen = -1;

	private long committable;

	private int abandoned;

	private boolean revoked;

	/**
	 * A new epoch of {@code partition}.
	 * @param partition the partition
	 * @param startPosition the consumer's position at assignment: the committed offset
	 * @param assignedAt when it was assigned
	 */
	public PartitionProgress(TopicPartition partition, long startPosition, Instant assignedAt) {
		this.partition = partition;
		this.startPosition = startPosition;
		this.assignedAt = assignedAt;
		this.committable = startPosition;
	}

	public TopicPartition partition() {
		return this.partition;
	}

	public Instant assignedAt() {
		return this.assignedAt;
	}

	/**
	 * Starts tracking a record taken from the partition.
	 * @param offset its offset
	 * @param ack its acknowledgment
	 * @return {@code false} when the record was tracked before in this epoch (a repeated
	 * delivery after a seek) or the epoch is over: the caller drops it
	 */
	public synchronized boolean track(long offset, Acknowledgment ack) {
		if (this.revoked || offset <= this.highestSeen) {
			return false;
		}
		this.highestSeen = offset;
		this.unfinished.put(offset, new Slot(ack));
		return true;
	}

	/**
	 * Marks a record finished; acknowledges the new watermark when it moves.
	 * @param offset the record's offset
	 */
	public synchronized void complete(long offset) {
		if (this.revoked) {
			return;
		}
		Slot slot = this.unfinished.remove(offset);
		if (slot == null) {
			return;
		}
		if (slot.abandoned) {
			this.abandoned--;
		}
		// The highest finished record between this one and the next unfinished one.
		Acknowledgment highest = (slot.highestFinishedAbove != null) ? slot.highestFinishedAbove : slot.ack;
		long highestOffset = (slot.highestFinishedAbove != null) ? slot.highestFinishedAboveOffset : offset;
		Map.Entry<Long, Slot> below = this.unfinished.lowerEntry(offset);
		if (below != null) {
			below.getValue().highestFinishedAbove = highest;
			below.getValue().highestFinishedAboveOffset = highestOffset;
		}
		else {
			this.committable = highestOffset + 1;
			highest.acknowledge();
		}
		notifyAll();
	}

	/**
	 * Gives a record up: it will not finish in this epoch (dropped on revocation) and is
	 * left for redelivery.
	 * @param offset the record's offset
	 */
	public synchronized void abandon(long offset) {
		Slot slot = this.unfinished.get(offset);
		if (slot != null && !slot.abandoned) {
			slot.abandoned = true;
			this.abandoned++;
			notifyAll();
		}
	}

	/**
	 * Waits until every unfinished record is abandoned (nothing is in flight any more) or
	 * {@code deadline} passes.
	 * @param deadlineNanos {@link System#nanoTime()} to give up at
	 * @return whether it settled
	 * @throws InterruptedException when interrupted
	 */
	public synchronized boolean awaitSettled(long deadlineNanos) throws InterruptedException {
		while (this.unfinished.size() > this.abandoned) {
			long left = deadlineNanos - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			wait(Math.max(1, left / 1_000_000));
		}
		return true;
	}

	/** Ends the epoch: later completions are ignored. */
	public synchronized void revoke() {
		this.revoked = true;
		notifyAll();
	}

	public synchronized boolean isRevoked() {
		return this.revoked;
	}

	/**
	 * The next offset to commit: one past the highest offset below which every record is
	 * finished.
	 * @return the offset
	 */
	public synchronized long committable() {
		return this.committable;
	}

	/**
	 * Records below this offset have all been taken in this epoch or an earlier one
	 * (parked rows below it may be fed back without overtaking a record not yet read).
	 * @return the bound
	 */
	public synchronized long takenBelow() {
		return Math.max(this.startPosition, this.highestSeen + 1);
	}

	/** Unfinished records, abandoned ones included. */
	public synchronized int unfinished() {
		return this.unfinished.size();
	}

	@Override
	public String toString() {
		return this.partition + "@" + this.assignedAt;
	}

	private static final class Slot {

		final Acknowledgment ack;

		Acknowledgment highestFinishedAbove;

		long highestFinishedAboveOffset;

		boolean abandoned;

		Slot(Acknowledgment ack) {
			this.ack = ack;
		}

	}

}
