package dev.smspipeline.dispatch.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smspipeline.dispatch.backlog.ParkedRow;
import dev.smspipeline.dispatch.backlog.Parking;
import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.events.MessageRequested;

/**
 * Parks the texts that do not fit in memory ({@link Lanes#full}), and feeds them back in
 * order as the lane drains.
 *
 * <p>
 * A text is parked in the {@code parked_message} table (the row keeps the record's value,
 * so its traffic class and account come back with it); once it is written and its QUEUED
 * acknowledged, its offset is completed (the row is the record now). From then on every
 * new text of the same account and class to the number is parked behind it, until a load
 * finds the number's backlog drained. A load starts once the lane is at most half full,
 * asks for as many rows as the lane has room, and never feeds back a row at or above the
 * offset the consumer has read up to in this epoch
 * ({@link PartitionProgress#takenBelow()}): after a restart, earlier texts of the number
 * may still be on their way, and the row waits ("blocked") until they are read. A lane
 * that has only bulk texts parked waits for its load while bulk texts fill their share of
 * memory ({@link Lanes#bulkRoom}); such lanes are fed in turn as bulk texts leave.
 *
 * <p>
 * A text fed back from the parked table has lost its trace: its call and statuses start a
 * new one. A row that cannot be read any more is dead-lettered.
 *
 * <p>
 * The backlog's callbacks arrive on its own thread and take the {@link DispatchLock};
 * every other call is made under it.
 */
final class BacklogFeed {

	private static final Logger log = LoggerFactory.getLogger(BacklogFeed.class);

	private final DispatchLock lock;

	private final Lanes lanes;

	private final DueLanes due;

	private final Parking parking;

	private final Settlement settlement;

	private final Function<byte[], MessageRequested> reader;

	private final Clock clock;

	/** Lanes whose load waits for room for bulk texts, in the order they asked. */
	private final Set<Lane> waitingForBulkRoom = new LinkedHashSet<>();

	BacklogFeed(DispatchLock lock, Lanes lanes, DueLanes due, Parking parking, Settlement settlement,
			Function<byte[], MessageRequested> reader, Clock clock) {
		this.lock = lock;
		this.lanes = lanes;
		this.due = due;
		this.parking = parking;
		this.settlement = settlement;
		this.reader = reader;
		this.clock = clock;
	}

	/**
	 * Parks a text behind its number's queue.
	 * @param lane the number's lane
	 * @param work the text
	 * @param now the current time
	 */
	void park(Lane lane, Work work, Instant now) {
		lane.parkStarted(work);
		this.lanes.addParked(lane, 1);
		this.lanes.addBuffered(1);
		MessageRequested request = work.request();
		ParkedRow row = new ParkedRow(work.partition(), work.offset(), request.getRecipient(), request.getMessageId(),
				request.getCampaignId(), work.value(), now);
		PartitionProgress progress = work.progress();
		this.parking.park(row, progress::isRevoked, (inserted) -> parked(lane, work, inserted));
	}

	/** On the parking thread: {@code inserted} is null when the park was abandoned. */
	private void parked(Lane lane, Work work, Boolean inserted) {
		this.lock.lock();
		try {
			lane.parkEnded();
			this.lanes.addBuffered(-1);
			if (Boolean.FALSE.equals(inserted) && lane.on(work.progress())) {
				this.lanes.addParked(lane, -1);
			}
			changed(lane, now());
			this.lanes.updateGate();
		}
		finally {
			this.lock.unlock();
		}
		if (inserted != null) {
			work.queued().thenRun(() -> work.progress().complete(work.offset()));
		}
	}

	/**
	 * Asks for the lane's next parked texts when it wants them.
	 * @param lane the lane
	 */
	void maybeLoad(Lane lane) {
		int perNumber = this.lanes.perNumber();
		if (!lane.wantsLoad(perNumber)) {
			return;
		}
		if (lane.parksOnlyBulk() && !this.lanes.bulkRoom()) {
			this.waitingForBulkRoom.add(lane);
			return;
		}
		PartitionProgress progress = lane.progress();
		if (!lane.startLoading(progress.takenBelow())) {
			return;
		}
		int limit = perNumber - lane.size();
		this.lanes.addLoading(limit);
		this.parking.load(lane.recipient(), progress.partition().partition(), lane.lastLoaded(), limit,
				(rows) -> loaded(lane, progress, rows, limit));
	}

	/** On the parking thread. */
	private void loaded(Lane lane, PartitionProgress progress, List<ParkedRow> rows, int limit) {
		List<Work> works = new ArrayList<>(rows.size());
		for (ParkedRow row : rows) {
			works.add(read(progress, row));
		}
		List<Work> unreadable = new ArrayList<>();
		this.lock.lock();
		try {
			lane.loadEnded();
			this.lanes.addLoading(-limit);
			if (!lane.on(progress) || lane.revoked()) {
				maybeLoad(lane);
				return;
			}
			long takenBelow = progress.takenBelow();
			boolean blocked = false;
			for (int i = 0; i < rows.size(); i++) {
				ParkedRow row = rows.get(i);
				if (row.offset() >= takenBelow) {
					lane.blockAt(row.offset());
					blocked = true;
					break;
				}
				lane.loaded(row.offset());
				this.lanes.addParked(lane, -1);
				Work work = works.get(i);
				if (work.request() == null) {
					unreadable.add(work);
				}
				else {
					lane.enqueue(work);
					this.lanes.addBuffered(1);
				}
			}
			if (!blocked && rows.size() < limit && !lane.parksPending()) {
				lane.backlogDrained();
				this.lanes.forgetParked(lane);
			}
			changed(lane, now());
			this.lanes.updateGate();
		}
		finally {
			this.lock.unlock();
		}
		for (Work work : unreadable) {
			this.settlement.deadLetterLater(work, new IllegalStateException("Unreadable parked text"));
		}
	}

	private Work read(PartitionProgress progress, ParkedRow row) {
		MessageRequested request;
		try {
			request = this.reader.apply(row.value());
		}
		catch (RuntimeException ex) {
			log.error("Parked text {}-{}@{} cannot be read: {}", progress.partition().topic(), row.partition(),
					row.offset(), ex.toString());
			request = null;
		}
		return (request != null) ? Work.fromParked(progress, row, request) : Work.unreadable(progress, row);
	}

	/**
	 * After a lane changed: feed it, schedule its head, or forget it.
	 * @param lane the lane
	 * @param now the current time
	 */
	void changed(Lane lane, Instant now) {
		maybeLoad(lane);
		if (lane.ready()) {
			this.due.schedule(lane, now);
		}
		else {
			this.lanes.forgetIfIdle(lane);
		}
		feedWaiting();
	}

	/**
	 * Loads, in turn, lanes whose bulk backlog waited for room, while there is room.
	 * Called after bulk texts left memory.
	 */
	void feedWaiting() {
		Iterator<Lane> waiting = this.waitingForBulkRoom.iterator();
		while (waiting.hasNext() && this.lanes.bulkRoom()) {
			Lane lane = waiting.next();
			waiting.remove();
			if (lane.wantsLoad(this.lanes.perNumber())) {
				maybeLoad(lane);
				// the set may have changed: iterate afresh
				waiting = this.waitingForBulkRoom.iterator();
			}
		}
	}

	private Instant now() {
		return this.clock.instant();
	}

}
