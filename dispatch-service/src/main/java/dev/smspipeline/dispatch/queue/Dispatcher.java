package dev.smspipeline.dispatch.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.smspipeline.dispatch.backlog.ParkedMessages;
import dev.smspipeline.dispatch.backlog.ParkedRow;
import dev.smspipeline.dispatch.backlog.ParkingLot;
import dev.smspipeline.dispatch.consent.Cancellation;
import dev.smspipeline.dispatch.consent.Cancellations;
import dev.smspipeline.dispatch.consent.CancellationsRecorded;
import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.dispatch.submission.Step;
import dev.smspipeline.dispatch.submission.SubmissionFlow;
import dev.smspipeline.dispatch.throttle.RecipientPacer;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.platform.logging.LogContext;

/**
 * Takes every requested text, keeps each number's texts in order in its own lane, and
 * submits each lane's head when the {@link RecipientPacer} allows, many numbers at once.
 *
 * <p>
 * <strong>Threads.</strong> The consumer thread only {@link #take takes} records (and
 * never waits for a number). One scheduler thread keeps the lanes due in a priority queue
 * by the instant their head may go, starts each due head on a bounded pool of workers
 * ({@code sms.carrier.max-in-flight} threads, so at most that many carrier calls are in
 * flight), and sleeps until the next head is due or something changes. A worker runs one
 * {@link SubmissionFlow#attempt attempt} (precheck, at most one create call, record,
 * publish) and reports back: the lane moves to its next text, or keeps its head for a
 * retry, and the pacer learns the carrier's answer. A held number only has a later due
 * time; nothing waits on a thread for it.
 *
 * <p>
 * <strong>Finishing.</strong> A record is finished when its outcome's status (and its
 * QUEUED) are acknowledged by the broker, or when it is parked and QUEUED is
 * acknowledged; then its offset is completed in its {@link PartitionProgress}, which
 * commits up to the first unfinished record.
 *
 * <p>
 * <strong>Memory.</strong> A lane keeps at most
 * {@code sms.dispatch.max-buffered-per-number} texts; beyond, texts are parked in the
 * {@code parked_message} table by the {@link ParkingLot} and fed back in order as the
 * lane drains (the partition is never paused for one number). Past
 * {@code sms.dispatch.max-buffered} texts in memory in all, the whole consumer pauses
 * through the {@link IntakeGate}.
 *
 * <p>
 * <strong>Rebalances.</strong> {@link #revoked} drops the queued texts of revoked
 * partitions at once (they stay uncommitted, for the new owner), waits up to
 * {@code sms.dispatch.revoke-grace} for those in flight, then fences the partition's
 * progress. A number first seen in a new assignment is assumed to have had a text at the
 * assignment's instant, so the previous owner's last text and the first one here are at
 * least the minimum interval apart.
 *
 * <p>
 * <strong>Tracing and logs.</strong> A text taken from a record keeps the record's
 * observation (the consumer span that continues the producer's trace); every step on
 * another thread (attempt, settlement, dead letter) runs in its scope, so the carrier
 * call and the published statuses join the text's trace, and with the text's ids in the
 * logging MDC. A text fed back from the parked table has lost its trace: its call and
 * statuses start a new one.
 */
public class Dispatcher implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private static final Duration HOUSEKEEPING = Duration.ofSeconds(1);

	private final SubmissionFlow flow;

	private final RecipientPacer pacer;

	private final ParkingLot parking;

	private final Cancellations cancellations;

	private final IntakeGate gate;

	private final DeadLetterSink deadLetters;

	private final Function<byte[], MessageRequested> reader;

	private final Clock clock;

	private final int perNumber;

	private final int maxBuffered;

	private final int resumeBelow;

	private final int maxInFlight;

	private final int maxAttempts;

	private final Duration retryBackoff;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final Map<String, Lane> lanes = new HashMap<>();

	private final PriorityQueue<Due> due = new PriorityQueue<>();

	private final ThreadPoolExecutor workers;

	private final ExecutorService settlers;

	private final ScheduledExecutorService timer;

	private final Thread scheduler;

	private final Counter taken;

	private final Timer throttleDelay;

	private final Timer requestToSubmission;

	private final ObservationRegistry observations;

	private volatile boolean running = true;

	private long sequence;

	private int inFlight;

	private int buffered;

	private long parked;

	private boolean paused;

	private Instant nextHousekeeping = Instant.MIN;

	private volatile int bufferedGauge;

	private volatile long parkedGauge;

	private volatile int heldGauge;

	private volatile int inFlightGauge;

	private volatile int lanesGauge;

	Dispatcher(Settings settings, SubmissionFlow flow, RecipientPacer pacer, ParkingLot parking,
			Cancellations cancellations, IntakeGate gate, DeadLetterSink deadLetters,
			Function<byte[], MessageRequested> reader, Clock clock, MeterRegistry meters,
			ObservationRegistry observations) {
		this.flow = flow;
		this.pacer = pacer;
		this.parking = parking;
		this.cancellations = cancellations;
		this.gate = gate;
		this.deadLetters = deadLetters;
		this.reader = reader;
		this.clock = clock;
		this.observations = observations;
		this.perNumber = settings.buffers().maxBufferedPerNumber();
		this.maxBuffered = settings.buffers().maxBuffered();
		this.resumeBelow = this.maxBuffered * 3 / 4;
		this.maxInFlight = settings.maxInFlight();
		this.maxAttempts = settings.maxAttempts();
		this.retryBackoff = settings.retryBackoff();
		this.workers = new ThreadPoolExecutor(this.maxInFlight, this.maxInFlight, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), new CustomizableThreadFactory("dispatch-worker-"));
		this.workers.allowCoreThreadTimeOut(true);
		this.settlers = Executors.newFixedThreadPool(4, new CustomizableThreadFactory("dispatch-settle-"));
		this.timer = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("dispatch-timer-"));
		this.taken = Counter.builder("sms.dispatch.taken")
			.description("Requested texts taken from sms.message-requested")
			.register(meters);
		// Histogram buckets: management.metrics.distribution.slo.* in application.yml.
		this.throttleDelay = Timer.builder("sms.dispatch.throttle.delay")
			.description("Time from taking a text to its first carrier attempt: pacing, holds and the queue")
			.register(meters);
		this.requestToSubmission = Timer.builder("sms.request.to.submission")
			.description("Time from a text's requestedAt to the carrier's acceptance of it")
			.register(meters);
		Gauge.builder("sms.dispatch.records.buffered", this, (d) -> d.bufferedGauge)
			.description("Texts in memory: queued per number, in flight, being parked")
			.register(meters);
		Gauge.builder("sms.dispatch.records.parked", this, (d) -> d.parkedGauge)
			.description("Texts parked in the database for the numbers this instance serves")
			.register(meters);
		Gauge.builder("sms.dispatch.numbers.held", this, (d) -> d.heldGauge)
			.description("Numbers (or sender/number pairs) the carrier holds after a rate-limit answer")
			.register(meters);
		Gauge.builder("sms.dispatch.numbers.active", this, (d) -> d.lanesGauge)
			.description("Numbers with texts in dispatch")
			.register(meters);
		Gauge.builder("sms.dispatch.carrier.in.flight", this, (d) -> d.inFlightGauge)
			.description("Attempts (carrier calls) in flight")
			.register(meters);
		Gauge.builder("sms.dispatch.partitions.paused", gate, IntakeGate::pausedPartitions)
			.description("Partitions of sms.message-requested paused because memory is full")
			.register(meters);
		this.scheduler = new Thread(this::schedule, "dispatch-scheduler");
		this.scheduler.setDaemon(true);
		this.scheduler.start();
	}

	/**
	 * Takes a text just read. Never waits for a number: a text past its validity or
	 * cancelled is decided at once, any other is queued in its number's lane, or parked
	 * behind it when the lane is full.
	 * @param work the text
	 */
	public void take(Work work) {
		this.taken.increment();
		work.observation = this.observations.getCurrentObservation();
		MessageRequested request = work.request();
		Instant now = now();
		if (expired(request, now) || this.cancellations.reasonFor(request).isPresent()) {
			settle(work);
			return;
		}
		enqueue(work, now);
	}

	private void enqueue(Work work, Instant now) {
		work.queued = this.flow.queued(work.request());
		this.lock.lock();
		try {
			if (work.progress().isRevoked()) {
				return;
			}
			Lane lane = laneFor(work.request().getRecipient(), work.progress());
			if (lane.parkedMode || lane.queue.size() >= this.perNumber) {
				park(lane, work, now);
			}
			else {
				lane.queue.addLast(work);
				this.buffered++;
				if (lane.queue.size() == 1) {
					schedule(lane, now);
				}
			}
			maybeLoad(lane);
			updateGate();
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
				Lane lane = laneFor(backlog.recipient(), progress);
				lane.parkedMode = true;
				adjustParked(lane, backlog.parked() - lane.parked);
				maybeLoad(lane);
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
		int dropped = 0;
		this.lock.lock();
		try {
			for (Iterator<Lane> it = this.lanes.values().iterator(); it.hasNext();) {
				Lane lane = it.next();
				if (!gone.contains(lane.progress)) {
					continue;
				}
				lane.revoked = true;
				lane.parkedMode = false;
				adjustParked(lane, -lane.parked);
				lane.retryFor = null;
				Work inFlight = lane.busy ? lane.queue.peekFirst() : null;
				for (Work work : lane.queue) {
					if (work != inFlight) {
						abandon(work);
						this.buffered--;
						dropped++;
					}
				}
				lane.queue.clear();
				if (inFlight != null) {
					lane.queue.addLast(inFlight);
				}
				if (lane.idle()) {
					it.remove();
				}
			}
			updateGate();
		}
		finally {
			this.lock.unlock();
		}
		return dropped;
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
			for (Lane lane : List.copyOf(this.lanes.values())) {
				if (lane.revoked || lane.queue.isEmpty()) {
					continue;
				}
				Work inFlight = lane.busy ? lane.queue.peekFirst() : null;
				Work head = lane.queue.peekFirst();
				for (Iterator<Work> it = lane.queue.iterator(); it.hasNext();) {
					Work work = it.next();
					if (work != inFlight && covered(event.cancellations(), work.request())) {
						it.remove();
						this.buffered--;
						swept.add(work);
					}
				}
				if (!lane.busy && lane.queue.peekFirst() != head) {
					afterChange(lane, now);
				}
			}
			updateGate();
		}
		finally {
			this.lock.unlock();
		}
		if (!swept.isEmpty()) {
			log.info("Cancelling {} queued texts", swept.size());
			swept.forEach(this::settle);
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

	// ---- lanes (under the lock) ------------------------------------------------------

	private Lane laneFor(String recipient, PartitionProgress progress) {
		Lane lane = this.lanes.get(recipient);
		if (lane == null) {
			lane = new Lane(recipient, progress);
			this.lanes.put(recipient, lane);
			this.pacer.assumeSubmittedAt(recipient, progress.assignedAt());
		}
		else if (lane.progress != progress) {
			adjustParked(lane, -lane.parked);
			lane.attach(progress);
			this.pacer.assumeSubmittedAt(recipient, progress.assignedAt());
		}
		return lane;
	}

	private void park(Lane lane, Work work, Instant now) {
		lane.parkedMode = true;
		lane.pendingParks++;
		adjustParked(lane, 1);
		this.buffered++;
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
			lane.pendingParks--;
			this.buffered--;
			if (Boolean.FALSE.equals(inserted) && lane.progress == work.progress()) {
				adjustParked(lane, -1);
			}
			afterChange(lane, now());
			updateGate();
		}
		finally {
			this.lock.unlock();
		}
		if (inserted != null) {
			work.queued.thenRun(() -> work.progress().complete(work.offset()));
		}
	}

	private void maybeLoad(Lane lane) {
		if (!lane.parkedMode || lane.loading || lane.revoked || lane.queue.size() > this.perNumber / 2) {
			return;
		}
		PartitionProgress progress = lane.progress;
		if (lane.blockedAt >= 0 && lane.blockedAt >= progress.takenBelow()) {
			return;
		}
		lane.blockedAt = -1;
		lane.loading = true;
		int limit = this.perNumber - lane.queue.size();
		this.parking.load(lane.recipient, progress.partition().partition(), lane.lastLoaded, limit,
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
			lane.loading = false;
			if (lane.progress != progress || lane.revoked) {
				maybeLoad(lane);
				return;
			}
			long takenBelow = progress.takenBelow();
			boolean blocked = false;
			for (int i = 0; i < rows.size(); i++) {
				ParkedRow row = rows.get(i);
				if (row.offset() >= takenBelow) {
					lane.blockedAt = row.offset();
					blocked = true;
					break;
				}
				lane.lastLoaded = row.offset();
				adjustParked(lane, -1);
				Work work = works.get(i);
				if (work.request() == null) {
					unreadable.add(work);
				}
				else {
					lane.queue.addLast(work);
					this.buffered++;
				}
			}
			if (!blocked && rows.size() < limit && lane.pendingParks == 0) {
				lane.parkedMode = false;
				adjustParked(lane, -lane.parked);
			}
			afterChange(lane, now());
			updateGate();
		}
		finally {
			this.lock.unlock();
		}
		for (Work work : unreadable) {
			this.settlers.execute(() -> deadLetter(work, new IllegalStateException("Unreadable parked text")));
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

	/** After a lane changed: feed it, schedule its head, or forget it. */
	private void afterChange(Lane lane, Instant now) {
		maybeLoad(lane);
		if (!lane.busy && !lane.queue.isEmpty() && !lane.revoked) {
			schedule(lane, now);
		}
		else if (lane.idle() && this.lanes.get(lane.recipient) == lane) {
			this.lanes.remove(lane.recipient);
		}
	}

	private void schedule(Lane lane, Instant now) {
		if (lane.busy || lane.revoked || lane.queue.isEmpty()) {
			return;
		}
		lane.version++;
		this.due.add(new Due(dueAt(lane, lane.queue.peekFirst(), now), ++this.sequence, lane, lane.version));
		this.changed.signal();
	}

	private Instant dueAt(Lane lane, Work head, Instant now) {
		MessageRequested request = head.request();
		if (this.cancellations.reasonFor(request).isPresent()) {
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

	private void adjustParked(Lane lane, long delta) {
		long next = Math.max(0, lane.parked + delta);
		this.parked += next - lane.parked;
		lane.parked = next;
	}

	private void updateGate() {
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
		this.bufferedGauge = this.buffered;
		this.parkedGauge = this.parked;
		this.lanesGauge = this.lanes.size();
		this.inFlightGauge = this.inFlight;
	}

	// ---- the scheduler thread ---------------------------------------------------------

	private void schedule() {
		this.lock.lock();
		try {
			while (this.running) {
				try {
					scheduleDue();
				}
				catch (RuntimeException ex) {
					// a bug must not stop every number: log it, back off a little, go on
					log.error("The dispatch scheduler failed; going on", ex);
					this.changed.awaitNanos(HOUSEKEEPING.toNanos());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** One round of the scheduler, under the lock: start what is due, then sleep. */
	private void scheduleDue() throws InterruptedException {
		Instant now = now();
		housekeeping(now);
		while (this.inFlight < this.maxInFlight) {
			Due next = this.due.peek();
			if (next == null || next.at().isAfter(now)) {
				break;
			}
			this.due.poll();
			Lane lane = next.lane();
			if (next.version() != lane.version || lane.busy || lane.revoked || lane.queue.isEmpty()) {
				continue;
			}
			Work head = lane.queue.peekFirst();
			Instant at = dueAt(lane, head, now);
			if (at.isAfter(now)) {
				// another lane took the sender's budget, or a hold came in
				lane.version++;
				this.due.add(new Due(at, ++this.sequence, lane, lane.version));
				continue;
			}
			launch(lane, head, now);
		}
		long waitNanos = HOUSEKEEPING.toNanos();
		Due next = this.due.peek();
		if (next != null && this.inFlight < this.maxInFlight) {
			waitNanos = Math.min(waitNanos, Duration.between(now, next.at()).toNanos());
		}
		if (waitNanos > 0) {
			this.changed.awaitNanos(waitNanos);
		}
	}

	private void housekeeping(Instant now) {
		if (now.isBefore(this.nextHousekeeping)) {
			return;
		}
		this.nextHousekeeping = now.plus(HOUSEKEEPING);
		this.pacer.evictIdle(now);
		this.heldGauge = this.pacer.heldCount(now);
		this.lanesGauge = this.lanes.size();
	}

	private void launch(Lane lane, Work head, Instant now) {
		lane.busy = true;
		this.inFlight++;
		this.inFlightGauge = this.inFlight;
		MessageRequested request = head.request();
		this.pacer.reserve(request.getSender(), request.getSegments(), now);
		if (!head.delayRecorded) {
			head.delayRecorded = true;
			this.throttleDelay.record(Duration.between(head.takenAt(), now));
		}
		this.workers.execute(() -> attempt(lane, head));
	}

	// ---- the workers -----------------------------------------------------------------

	private void attempt(Lane lane, Work head) {
		Step step = null;
		RuntimeException failure = null;
		try (Observation.Scope trace = openScope(head); LogContext.Scope logs = logContext(head)) {
			step = this.flow.attempt(head.text());
			recordSubmission(head, step);
		}
		catch (RuntimeException ex) {
			log.warn("Attempt at message {} failed: {}", head, ex.toString());
			failure = ex;
		}
		boolean finished = false;
		boolean deadLetter = false;
		this.lock.lock();
		try {
			this.inFlight--;
			lane.busy = false;
			Instant now = now();
			MessageRequested request = head.request();
			if (failure != null) {
				// the call may have gone: count it for pacing
				this.pacer.submitted(request.getRecipient(), request.getSender(), now);
				head.failures++;
				if (head.failures >= this.maxAttempts) {
					finished = true;
					deadLetter = true;
				}
				else {
					lane.retryFor = head;
					lane.retryAt = now.plus(this.retryBackoff);
				}
			}
			else {
				learn(lane, head, step);
				finished = step instanceof Step.Decided;
			}
			boolean stale = lane.revoked || head.progress() != lane.progress;
			if (finished || stale) {
				if (lane.queue.peekFirst() == head) {
					lane.queue.pollFirst();
					this.buffered--;
				}
				lane.retryFor = null;
				lane.retryAt = null;
				if (!finished) {
					abandon(head);
				}
			}
			afterChange(lane, now);
			updateGate();
			this.changed.signal();
		}
		finally {
			this.lock.unlock();
		}
		if (deadLetter) {
			RuntimeException cause = failure;
			this.settlers.execute(() -> deadLetter(head, cause));
		}
		else if (finished) {
			finish(head, ((Step.Decided) step).published());
		}
	}

	private void recordSubmission(Work work, Step step) {
		if (step instanceof Step.Decided decided && decided.answeredAt() != null
				&& decided.outcome().outcome() == MessageStatus.SUBMITTED && work.request().getRequestedAt() != null) {
			this.requestToSubmission.record(Duration.between(work.request().getRequestedAt(), decided.answeredAt()));
		}
	}

	/** The scope of the text's trace on this thread (a no-op scope without one). */
	private Observation.Scope openScope(Work work) {
		Observation observation = (work.observation != null) ? work.observation : Observation.NOOP;
		return observation.openScope();
	}

	private static LogContext.Scope logContext(Work work) {
		MessageRequested request = work.request();
		return (request != null)
				? LogContext.text(request.getMessageId(), request.getCampaignId(), request.getAccountId())
				: LogContext.text(null, null, null);
	}

	private void learn(Lane lane, Work head, Step step) {
		MessageRequested request = head.request();
		if (step.answeredAt() == null) {
			this.pacer.refund(request.getSender(), request.getSegments(), now());
		}
		else if (step.submission()) {
			this.pacer.submitted(request.getRecipient(), request.getSender(), step.answeredAt());
		}
		if (step instanceof Step.Retry retry) {
			switch (retry.hold()) {
				case RECIPIENT -> this.pacer.holdRecipient(request.getRecipient(), retry.notBefore());
				case PAIR -> this.pacer.holdPair(request.getSender(), request.getRecipient(), retry.notBefore());
				case NONE -> {
					lane.retryFor = head;
					lane.retryAt = retry.notBefore();
				}
			}
		}
	}

	/**
	 * Decides a text without its lane (it is past its validity or cancelled): the
	 * precheck decides it, and nobody is called.
	 */
	private void settle(Work work) {
		this.lock.lock();
		try {
			// counted in memory until decided, so a flood of them (say, texts that
			// expired
			// during an outage) pauses the consumer like any other backlog
			this.buffered++;
			updateGate();
		}
		finally {
			this.lock.unlock();
		}
		this.settlers.execute(() -> decideWithoutCarrier(work));
	}

	private void decideWithoutCarrier(Work work) {
		Step.Decided decided;
		try (Observation.Scope trace = openScope(work); LogContext.Scope logs = logContext(work)) {
			decided = this.flow.settle(work.text());
		}
		catch (RuntimeException ex) {
			work.failures++;
			if (work.failures >= this.maxAttempts) {
				settled();
				deadLetter(work, ex);
			}
			else {
				log.warn("Settling message {} failed: {}; trying again in {}", work, ex.toString(), this.retryBackoff);
				this.timer.schedule(() -> this.settlers.execute(() -> decideWithoutCarrier(work)),
						this.retryBackoff.toMillis(), TimeUnit.MILLISECONDS);
			}
			return;
		}
		settled();
		if (decided != null) {
			finish(work, decided.published());
		}
		else if (work.fromRecord()) {
			// not decided after all (the database knows better than this instance's copy)
			enqueue(work, now());
		}
	}

	private void settled() {
		this.lock.lock();
		try {
			this.buffered--;
			updateGate();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void finish(Work work, CompletableFuture<Void> published) {
		if (work.fromRecord()) {
			CompletableFuture.allOf(work.queued, published).thenRun(() -> work.progress().complete(work.offset()));
		}
		else {
			published.thenRun(() -> this.parking.delete(work.partition(), work.offset()));
		}
	}

	/**
	 * Dead-letters a text whose processing kept failing (or a parked row that cannot be
	 * read), then, for a text that was read, publishes its terminal FAILED status. The
	 * dead letter is written (blocking) before the status, and the text is finished (its
	 * offset may be committed, its parked row deleted) only once the broker has both: a
	 * crash in between redelivers it, and both go again under the same ids.
	 */
	private void deadLetter(Work work, Exception failure) {
		CompletableFuture<Void> failed;
		try (Observation.Scope trace = openScope(work); LogContext.Scope logs = logContext(work)) {
			this.deadLetters.deadLetter(work, failure);
			failed = (work.text() != null) ? this.flow.processingFailed(work.text(), failure)
					: CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			log.error("Cannot dead-letter message {}; it stays unfinished", work, ex);
			return;
		}
		finish(work, failed);
	}

	private static void abandon(Work work) {
		if (work.fromRecord()) {
			work.progress().abandon(work.offset());
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.lock.lock();
		try {
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		this.workers.shutdown();
		this.settlers.shutdown();
		try {
			this.scheduler.join(2_000);
			this.workers.awaitTermination(5, TimeUnit.SECONDS);
			this.settlers.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.timer.shutdownNow();
		this.workers.shutdownNow();
		this.settlers.shutdownNow();
	}

	// ---- for tests -------------------------------------------------------------------

	/** Texts in memory (queued, in flight, being parked). */
	public int buffered() {
		return this.bufferedGauge;
	}

	/** Parked texts of the numbers this instance serves, as far as it knows. */
	public long parked() {
		return this.parkedGauge;
	}

	private Instant now() {
		return this.clock.instant();
	}

	private static boolean expired(MessageRequested request, Instant now) {
		return request.getExpiresAt() != null && !now.isBefore(request.getExpiresAt());
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

	/**
	 * What the dispatcher needs from the settings of other capabilities.
	 *
	 * @param buffers memory bounds and the revocation grace
	 * @param maxInFlight the most attempts in flight ({@code sms.carrier.max-in-flight})
	 * @param maxAttempts how often a text whose processing throws is tried before it is
	 * dead-lettered ({@code sms.intake.max-attempts})
	 * @param retryBackoff the wait between those tries ({@code sms.intake.retry-backoff})
	 */
	record Settings(BufferSettings buffers, int maxInFlight, int maxAttempts, Duration retryBackoff) {

	}

}
