package dev.smspipeline.dispatch.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;

import dev.smspipeline.dispatch.backlog.ParkedMessages;
import dev.smspipeline.dispatch.backlog.Parking;
import dev.smspipeline.dispatch.consent.Cancellation;
import dev.smspipeline.dispatch.consent.CancellationsRecorded;
import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.dispatch.throttle.RecipientPacer;
import dev.smspipeline.events.MessageRequested;

/**
 * Takes every requested text, keeps each number's texts in its own {@link Lane}, and
 * submits each lane's head when the {@link RecipientPacer} allows, many numbers at once.
 * The intake's one door into dispatch.
 *
 * <p>
 * <strong>Order.</strong> Texts come in two traffic classes (the request's
 * {@code priority}): TRANSACTIONAL (workflow texts) and BULK (campaigns). Of the texts
 * that are due, every transactional one starts before any bulk one ({@link DueLanes}),
 * and bulk texts never take the carrier calls reserved for transactional ones
 * ({@link AttemptRunner}) nor more than their share of memory ({@link Lanes}). Within a
 * number's lane, transactional texts go first, accounts take turns within a class, and
 * each account's texts of a class keep their request order ({@link Lane}); the number's
 * pacing is the same whichever text goes.
 *
 * <p>
 * <strong>Threads.</strong> The consumer thread only {@link #take takes} records (and
 * never waits for a number): a text is queued in its lane, parked behind it by the
 * {@link BacklogFeed} when the lane is full ({@link Lanes} keeps the memory bounds), or
 * decided at once by the {@link Settlement} when it is past its validity or cancelled.
 * The {@link DueScheduler}'s thread starts due heads ({@link DueLanes}) on the
 * {@link AttemptRunner}'s workers, which report back and finish or dead-letter the text
 * through the {@link Settlement}. One {@link DispatchLock} guards all their state.
 *
 * <p>
 * <strong>Rebalances.</strong> {@link #revoked} drops the queued texts of revoked
 * partitions at once (they stay uncommitted, for the new owner), waits up to
 * {@code sms.dispatch.revoke-grace} for those in flight, then fences the partition's
 * progress; an attempt that comes back after that is stale and its text abandoned.
 *
 * <p>
 * <strong>Tracing and logs.</strong> A text taken from a record keeps the record's
 * observation (the consumer span that continues the producer's trace); every step on
 * another thread (attempt, settlement, dead letter) runs in its scope, so the carrier
 * call and the published statuses join the text's trace, and with the text's ids in the
 * logging MDC.
 */
public class Dispatcher implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final DispatchLock lock = new DispatchLock();

	private final Attempts attempts;

	private final Predicate<MessageRequested> cancelled;

	private final Clock clock;

	private final ObservationRegistry observations;

	private final DispatchMetrics metrics;

	private final Lanes lanes;

	private final DueLanes due;

	private final Settlement settlement;

	private final BacklogFeed feed;

	private final DueScheduler scheduler;

	Dispatcher(Settings settings, Ports ports, Threads threads, Clock clock, MeterRegistry meters,
			ObservationRegistry observations) {
		this.attempts = ports.attempts();
		this.cancelled = ports.cancelled();
		this.clock = clock;
		this.observations = observations;
		this.metrics = new DispatchMetrics(meters, ports.gate());
		this.lanes = new Lanes(settings.buffers(), settings.priority(), ports.pacer(), ports.gate(), this.metrics);
		this.due = new DueLanes(ports.pacer(), ports.cancelled(), this.lock);
		this.settlement = new Settlement(this.lock, this.lanes, ports.attempts(), ports.parking(), ports.deadLetters(),
				threads.settlers(), threads.delays(), settings.retry(), (work) -> enqueue(work, now()));
		this.feed = new BacklogFeed(this.lock, this.lanes, this.due, ports.parking(), this.settlement, ports.reader(),
				clock);
		AttemptRunner runner = new AttemptRunner(this.lock, this.lanes, this.feed, ports.pacer(), ports.attempts(),
				this.settlement, threads.workers(), this.metrics, clock, settings.maxInFlight(),
				settings.priority().reservedInFlight(), settings.retry());
		this.scheduler = new DueScheduler(this.lock, this.due, runner, this.lanes, ports.pacer(), this.metrics, clock);
	}

	/** The scheduler of due heads, for Spring to start and stop (and tests to drive). */
	DueScheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * Takes a text just read. Never waits for a number: a text past its validity or
	 * cancelled is decided at once, any other is queued in its number's lane, or parked
	 * behind it when the lane is full.
	 * @param work the text
	 */
	public void take(Work work) {
		this.metrics.taken();
		work.carry(this.observations.getCurrentObservation());
		MessageRequested request = work.request();
		Instant now = now();
		if (expired(request, now) || this.cancelled.test(request)) {
			this.settlement.settle(work);
			return;
		}
		enqueue(work, now);
	}

	private void enqueue(Work work, Instant now) {
		work.queuedBy(this.attempts.queued(work.request()));
		this.lock.lock();
		try {
			if (work.progress().isRevoked()) {
				return;
			}
			Lane lane = this.lanes.laneFor(work.request().getRecipient(), work.progress());
			if (this.lanes.full(lane, work)) {
				this.feed.park(lane, work, now);
			}
			else {
				Work head = lane.head();
				lane.enqueue(work);
				this.lanes.addBuffered(1);
				if (lane.head() != head) {
					// the first text, or one of a higher class than the waiting head
					this.due.schedule(lane, now);
				}
			}
			this.feed.maybeLoad(lane);
			this.lanes.updateGate();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A partition's new epoch: numbers with parked texts in it start in parked mode, and
	 * their texts are fed back from the table in order.
	 * @param progress the new epoch
	 * @param backlogs the numbers with parked texts in the partition
	 */
	public void assigned(PartitionProgress progress, List<ParkedMessages.Backlog> backlogs) {
		this.lock.lock();
		try {
			for (ParkedMessages.Backlog backlog : backlogs) {
				Lane lane = this.lanes.laneFor(backlog.recipient(), progress);
				this.lanes.parkedBefore(lane, backlog.parked());
				this.feed.maybeLoad(lane);
			}
			if (!backlogs.isEmpty()) {
				log.info("{}: {} numbers have texts parked", progress, backlogs.size());
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Lets go of partitions: drops their queued texts, waits up to {@code grace} for
	 * those in flight, then fences their progress. Called on the consumer thread before
	 * the container's final commit of the partitions.
	 * @param progresses the partitions' epochs
	 * @param grace how long to wait
	 */
	public void revoked(Collection<PartitionProgress> progresses, Duration grace) {
		int dropped = drop(progresses);
		long deadline = System.nanoTime() + grace.toNanos();
		for (PartitionProgress progress : progresses) {
			try {
				if (!progress.awaitSettled(deadline)) {
					log.warn("{}: texts still in flight after {}; the new owner gets them again", progress, grace);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			progress.revoke();
		}
		if (!progresses.isEmpty()) {
			log.info("Revoked {} partitions; {} queued texts left for the next owner", progresses.size(), dropped);
		}
	}

	/**
	 * Partitions lost without a revocation (the group moved on): drop and fence at once.
	 * @param progresses the partitions' epochs
	 */
	public void lost(Collection<PartitionProgress> progresses) {
		progresses.forEach(PartitionProgress::revoke);
		drop(progresses);
	}

	private int drop(Collection<PartitionProgress> progresses) {
		Set<PartitionProgress> gone = Collections.newSetFromMap(new IdentityHashMap<>());
		gone.addAll(progresses);
		this.lock.lock();
		try {
			int dropped = this.lanes.revoke(gone);
			this.feed.feedWaiting();
			this.lanes.updateGate();
			return dropped;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Drops the queued texts that new cancellations cover and decides them (CANCELED) at
	 * once, instead of when each reaches the head of its lane. Parked texts are cancelled
	 * as they are fed back, without waiting for the pacer.
	 * @param event the cancellations
	 */
	@EventListener
	public void onCancellations(CancellationsRecorded event) {
		List<Work> swept = new ArrayList<>();
		this.lock.lock();
		try {
			Instant now = now();
			for (Lane lane : this.lanes.all()) {
				if (lane.revoked() || lane.isEmpty()) {
					continue;
				}
				Work head = lane.head();
				List<Work> covered = lane.sweep((request) -> covered(event.cancellations(), request));
				this.lanes.addBuffered(-covered.size());
				swept.addAll(covered);
				if (!lane.busy() && lane.head() != head) {
					this.feed.changed(lane, now);
				}
			}
			this.feed.feedWaiting();
			this.lanes.updateGate();
		}
		finally {
			this.lock.unlock();
		}
		if (!swept.isEmpty()) {
			log.info("Cancelling {} queued texts", swept.size());
			swept.forEach(this.settlement::settle);
		}
	}

	private static boolean covered(List<Cancellation> cancellations, MessageRequested request) {
		for (Cancellation cancellation : cancellations) {
			if (cancellation.covers(request)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Stops the scheduler, if Spring has not yet; the pools are closed by their owner.
	 */
	@Override
	public void close() {
		this.scheduler.stop();
	}

	/** Texts in memory (queued, in flight, being parked). */
	public int buffered() {
		return this.metrics.buffered();
	}

	/** Parked texts of the numbers this instance serves, as far as it knows. */
	public long parked() {
		return this.metrics.parked();
	}

	private Instant now() {
		return this.clock.instant();
	}

	private static boolean expired(MessageRequested request, Instant now) {
		return request.getExpiresAt() != null && !now.isBefore(request.getExpiresAt());
	}

	/**
	 * What the dispatcher needs from the settings of other capabilities.
	 *
	 * @param buffers memory bounds and the revocation grace
	 * @param priority the room kept for transactional texts
	 * @param maxInFlight the most attempts in flight ({@code sms.carrier.max-in-flight})
	 * @param retry how often a text whose processing throws is tried, and how far apart,
	 * before it is dead-lettered ({@code sms.intake.max-attempts},
	 * {@code sms.intake.retry-backoff})
	 */
	record Settings(BufferSettings buffers, PrioritySettings priority, int maxInFlight, IntakeRetry retry) {

	}

	/**
	 * What the dispatcher uses of other capabilities.
	 *
	 * @param attempts the submission flow
	 * @param pacer the pacer, used only under the dispatcher's lock
	 * @param parking the durable backlog
	 * @param cancelled whether a cancellation this instance knows of covers a text
	 * @param gate pauses and resumes the consumer
	 * @param deadLetters the dead-letter topic
	 * @param reader reads a parked row's value
	 */
	record Ports(Attempts attempts, RecipientPacer pacer, Parking parking, Predicate<MessageRequested> cancelled,
			IntakeGate gate, DeadLetterSink deadLetters, Function<byte[], MessageRequested> reader) {

	}

	/**
	 * Where the dispatcher's work runs.
	 *
	 * @param workers the attempts (bounded by {@code sms.carrier.max-in-flight})
	 * @param settlers settlement and dead letters
	 * @param delays retries of a settlement
	 */
	record Threads(Executor workers, Executor settlers, Delays delays) {

	}

}
