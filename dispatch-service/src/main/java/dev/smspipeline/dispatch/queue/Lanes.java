package dev.smspipeline.dispatch.queue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.dispatch.throttle.RecipientPacer;
import dev.smspipeline.events.TrafficClass;

/**
 * Every number's {@link Lane}, and the bounds on the texts held in memory.
 *
 * <p>
 * <strong>Memory.</strong> A lane keeps at most
 * {@code sms.dispatch.max-buffered-per-number} texts of each account and traffic class
 * ({@link #full}); beyond, texts are parked by the {@link BacklogFeed} (the partition is
 * never paused for one number, and one account's backlog does not park another's texts).
 * BULK texts have a bound of their own, {@code sms.dispatch.priority.max-buffered-bulk}
 * (at most three quarters of the global one): past it new bulk texts are parked, and
 * parked bulk texts wait to be fed back ({@link #bulkRoom}), so campaigns never fill
 * memory and the consumer keeps taking transactional texts. Every text in memory counts
 * ({@link #addBuffered}: queued, in flight, being parked, being settled); past
 * {@code sms.dispatch.max-buffered} in all, the whole consumer pauses through the
 * {@link IntakeGate} until the count falls to three quarters of it (a topic partition
 * carries both classes, so pausing is for both).
 *
 * <p>
 * <strong>New numbers.</strong> A number first seen in an epoch is assumed to have had a
 * text at the epoch's assignment, so the previous owner's last text and the first one
 * here are at least the minimum interval apart.
 *
 * <p>
 * Not thread-safe: every call is made under the {@link DispatchLock}.
 */
final class Lanes {

	private static final Logger log = LoggerFactory.getLogger(Lanes.class);

	private final Map<String, Lane> lanes = new HashMap<>();

	private final RecipientPacer pacer;

	private final IntakeGate gate;

	private final DispatchMetrics metrics;

	private final int perNumber;

	private final int maxBuffered;

	private final int resumeBelow;

	private final int maxBufferedBulk;

	private final QueuedByClass queued = new QueuedByClass();

	/** Rows asked for by loads under way, which may all be bulk texts. */
	private int loading;

	private int buffered;

	private long parked;

	private boolean paused;

	Lanes(BufferSettings buffers, PrioritySettings priority, RecipientPacer pacer, IntakeGate gate,
			DispatchMetrics metrics) {
		this.pacer = pacer;
		this.gate = gate;
		this.metrics = metrics;
		this.perNumber = buffers.maxBufferedPerNumber();
		this.maxBuffered = buffers.maxBuffered();
		this.resumeBelow = this.maxBuffered * 3 / 4;
		this.maxBufferedBulk = Math.max(1, Math.min(priority.maxBufferedBulk(), this.resumeBelow));
	}

	/**
	 * The lane of {@code recipient} in {@code progress}'s epoch; a lane left from an
	 * earlier epoch starts over, keeping what is in flight.
	 * @param recipient the number
	 * @param progress its partition's epoch
	 * @return the lane
	 */
	Lane laneFor(String recipient, PartitionProgress progress) {
		Lane lane = this.lanes.get(recipient);
		if (lane == null) {
			lane = new Lane(recipient, progress, this.queued);
			this.lanes.put(recipient, lane);
			this.pacer.assumeSubmittedAt(recipient, progress.assignedAt());
		}
		else if (!lane.on(progress)) {
			forgetParked(lane);
			lane.attach(progress);
			this.pacer.assumeSubmittedAt(recipient, progress.assignedAt());
		}
		return lane;
	}

	/** Forgets {@code lane} when nothing is left in it. */
	void forgetIfIdle(Lane lane) {
		if (lane.idle() && this.lanes.get(lane.recipient()) == lane) {
			this.lanes.remove(lane.recipient());
		}
	}

	/**
	 * Whether a new text goes to the parked table: texts of its account and class are
	 * parked before it, its account already has the most texts of its class in the lane,
	 * or it is a bulk text and bulk texts fill their share of memory.
	 * @param lane its number's lane
	 * @param work the text
	 */
	boolean full(Lane lane, Work work) {
		return lane.parking(work) || lane.size(work) >= this.perNumber
				|| (work.trafficClass() == TrafficClass.BULK && !bulkRoom());
	}

	/**
	 * Whether bulk texts may come into memory: those queued and those loads may bring
	 * back stay below {@code sms.dispatch.priority.max-buffered-bulk}.
	 */
	boolean bulkRoom() {
		return this.queued.get(TrafficClass.BULK) + this.loading < this.maxBufferedBulk;
	}

	/** Counts rows asked for by a load ({@code delta > 0}) or come back. */
	void addLoading(int delta) {
		this.loading += delta;
	}

	/** Texts queued in the lanes (in flight included) of {@code trafficClass}. */
	int queued(TrafficClass trafficClass) {
		return this.queued.get(trafficClass);
	}

	/** The most texts of one number in memory. */
	int perNumber() {
		return this.perNumber;
	}

	/** Counts texts coming into memory ({@code delta > 0}) or leaving it. */
	void addBuffered(int delta) {
		this.buffered += delta;
	}

	/** Counts texts of {@code lane} parked ({@code delta > 0}) or fed back. */
	void addParked(Lane lane, long delta) {
		this.parked += lane.countParked(delta);
	}

	/** The number has {@code parked} texts in the table: new ones are parked behind. */
	void parkedBefore(Lane lane, long parked) {
		lane.parkBehindBacklog();
		addParked(lane, parked - lane.parked());
	}

	/** Forgets the lane's parked texts (the table is the record of them). */
	void forgetParked(Lane lane) {
		addParked(lane, -lane.parked());
	}

	/**
	 * Drops the queued texts of the lanes on {@code gone} epochs; what is in flight comes
	 * back and is found stale. The dropped texts are abandoned (left for the next owner).
	 * @param gone the revoked epochs
	 * @return how many were dropped
	 */
	int revoke(Set<PartitionProgress> gone) {
		int dropped = 0;
		for (Iterator<Lane> it = this.lanes.values().iterator(); it.hasNext();) {
			Lane lane = it.next();
			if (!gone.contains(lane.progress())) {
				continue;
			}
			List<Work> works = lane.revoke();
			forgetParked(lane);
			for (Work work : works) {
				work.abandon();
				this.buffered--;
				dropped++;
			}
			if (lane.idle()) {
				it.remove();
			}
		}
		return dropped;
	}

	/** A snapshot of the lanes. */
	Collection<Lane> all() {
		return List.copyOf(this.lanes.values());
	}

	int size() {
		return this.lanes.size();
	}

	int buffered() {
		return this.buffered;
	}

	long parked() {
		return this.parked;
	}

	/**
	 * Pauses the consumer once memory is full, resumes it once it drained to three
	 * quarters, and publishes the counts. Called after every change of the counts.
	 */
	void updateGate() {
		if (!this.paused && this.buffered >= this.maxBuffered) {
			this.paused = true;
			log.info("{} texts in memory: pausing the consumer", this.buffered);
			this.gate.pause();
		}
		else if (this.paused && this.buffered <= this.resumeBelow) {
			this.paused = false;
			log.info("{} texts in memory: resuming the consumer", this.buffered);
			this.gate.resume();
		}
		this.metrics.memory(this.buffered, this.parked, this.lanes.size());
		this.metrics.queued(this.queued.get(TrafficClass.TRANSACTIONAL), this.queued.get(TrafficClass.BULK));
	}

}
