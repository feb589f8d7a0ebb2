package dev.smspipeline.dispatch.queue;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.micrometer.observation.Observation;

import dev.smspipeline.dispatch.backlog.ParkedRow;
import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.dispatch.submission.PendingText;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.TrafficClass;
import dev.smspipeline.platform.logging.LogContext;

/**
 * One text in dispatch's hands, and where it came from: a record just read (finished by
 * completing its offset) or a parked row fed back (finished by deleting the row; its
 * offset was completed when it was parked).
 *
 * <p>
 * Besides its source it keeps what dispatch learns about it on the way: its QUEUED
 * status, its trace, and how often processing it failed. It is handed between threads
 * through the lanes' lock or an executor, never shared by two at once.
 */
public final class Work {

	private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

	private final boolean fromRecord;

	private final PartitionProgress progress;

	private final int partition;

	private final long offset;

	private final String key;

	private final byte[] value;

	private final PendingText text;

	private final Instant takenAt;

	private CompletableFuture<Void> queued = DONE;

	private int failures;

	private boolean attempted;

	/** The observation of the record it came from (its trace), or {@code null}. */
	private Observation observation;

	private Work(boolean fromRecord, PartitionProgress progress, int partition, long offset, String key, byte[] value,
			MessageRequested request, Instant takenAt) {
		this.fromRecord = fromRecord;
		this.progress = Objects.requireNonNull(progress, "progress");
		this.partition = partition;
		this.offset = offset;
		this.key = key;
		this.value = Objects.requireNonNull(value, "value");
		this.text = (request != null) ? new PendingText(request) : null;
		this.takenAt = takenAt;
	}

	/**
	 * A text just read from {@code sms.message-requested}.
	 * @param progress the epoch of its partition
	 * @param offset its offset
	 * @param key its key
	 * @param value its value as read (kept for parking and dead-lettering)
	 * @param request its value
	 * @param takenAt now
	 * @return the work
	 */
	public static Work fromRecord(PartitionProgress progress, long offset, String key, byte[] value,
			MessageRequested request, Instant takenAt) {
		return new Work(true, progress, progress.partition().partition(), offset, key, value, request, takenAt);
	}

	static Work fromParked(PartitionProgress progress, ParkedRow row, MessageRequested request) {
		return new Work(false, progress, row.partition(), row.offset(), row.recipient(), row.value(),
				Objects.requireNonNull(request, "request"), row.parkedAt());
	}

	/** A parked row whose value cannot be read any more: only good for the DLT. */
	static Work unreadable(PartitionProgress progress, ParkedRow row) {
		return new Work(false, progress, row.partition(), row.offset(), row.recipient(), row.value(), null,
				row.parkedAt());
	}

	/** Whether it came from a record of this epoch (else from the parked table). */
	public boolean fromRecord() {
		return this.fromRecord;
	}

	public PartitionProgress progress() {
		return this.progress;
	}

	public int partition() {
		return this.partition;
	}

	public long offset() {
		return this.offset;
	}

	public String key() {
		return this.key;
	}

	public byte[] value() {
		return this.value;
	}

	/** The request, or {@code null} for an unreadable parked row. */
	public MessageRequested request() {
		return (this.text != null) ? this.text.request() : null;
	}

	PendingText text() {
		return this.text;
	}

	/**
	 * Its traffic class: the request's {@code priority}, TRANSACTIONAL when it has none
	 * (or is unreadable).
	 */
	TrafficClass trafficClass() {
		MessageRequested request = request();
		TrafficClass priority = (request != null) ? request.getPriority() : null;
		return (priority != null) ? priority : TrafficClass.TRANSACTIONAL;
	}

	/** The account that asked for it ({@code ""} when unknown). */
	String account() {
		MessageRequested request = request();
		String account = (request != null) ? request.getAccountId() : null;
		return (account != null) ? account : "";
	}

	Instant takenAt() {
		return this.takenAt;
	}

	/** Keeps the trace of the record it came from, or {@code null} for none. */
	void carry(Observation observation) {
		this.observation = observation;
	}

	/**
	 * Its QUEUED status is on its way; {@code queued} completes once the broker has it.
	 */
	void queuedBy(CompletableFuture<Void> queued) {
		this.queued = queued;
	}

	/** Completes once the broker has its QUEUED status (at once when none was sent). */
	CompletableFuture<Void> queued() {
		return this.queued;
	}

	/**
	 * Counts one more failed try at processing it.
	 * @return the failures so far
	 */
	int failed() {
		return ++this.failures;
	}

	/**
	 * Marks its first carrier attempt.
	 * @return whether this is the first
	 */
	boolean firstAttempt() {
		if (this.attempted) {
			return false;
		}
		this.attempted = true;
		return true;
	}

	/**
	 * Gives it up in its epoch (dropped on a revocation): a record is left for
	 * redelivery; a parked row stays in the table.
	 */
	void abandon() {
		if (this.fromRecord) {
			this.progress.abandon(this.offset);
		}
	}

	/** The scope of its trace on this thread (a no-op scope without one). */
	Observation.Scope openTrace() {
		return ((this.observation != null) ? this.observation : Observation.NOOP).openScope();
	}

	/** Its ids in the logging MDC on this thread. */
	LogContext.Scope openLogs() {
		MessageRequested request = request();
		return (request != null)
				? LogContext.text(request.getMessageId(), request.getCampaignId(), request.getAccountId())
				: LogContext.text(null, null, null);
	}

	@Override
	public String toString() {
		String id = (this.text != null) ? this.text.request().getMessageId() : "(unreadable)";
		return id + " (" + this.progress.partition().topic() + "-" + this.partition + "@" + this.offset
				+ (this.fromRecord ? "" : ", parked") + ")";
	}

}
