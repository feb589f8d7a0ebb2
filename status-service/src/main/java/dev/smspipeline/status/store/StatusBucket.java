package dev.smspipeline.status.store;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import dev.smspipeline.events.MessageStatus;

/**
 * The buckets campaign counters and searches group statuses into, as docs/contracts.md
 * maps them. A status this build does not know ({@code UNKNOWN}) counts as in queue:
 * nothing is known to have happened to the text yet.
 */
public enum StatusBucket {

	/** REQUESTED, SCHEDULED, QUEUED. */
	IN_QUEUE("in_queue", "inQueue", false),

	/** SUBMITTED, SENT: the carrier has it, no final word yet. */
	OUTBOX("outbox", "outbox", false),

	/** DELIVERED. */
	DELIVERED("delivered", "delivered", true),

	/** UNDELIVERED, FAILED, REJECTED, EXPIRED. */
	ERROR("error", "error", true),

	/** DELIVERY_UNKNOWN: no final callback within the delivery window. */
	DELIVERY_UNKNOWN("delivery_unknown", "deliveryUnknown", true),

	/** CANCELED for any reason but a deleted lead. */
	CANCELED("canceled", "canceled", true),

	/** CANCELED because the lead was deleted. */
	DELETED("deleted", "deleted", true);

	/** The reason code of a text canceled because its lead was deleted. */
	public static final String LEAD_DELETED = "LEAD_DELETED";

	private final String column;

	private final String apiName;

	private final boolean terminal;

	StatusBucket(String column, String apiName, boolean terminal) {
		this.column = column;
		this.apiName = apiName;
		this.terminal = terminal;
	}

	/**
	 * The bucket of a text whose current status is {@code status} with this reason code.
	 */
	public static StatusBucket of(MessageStatus status, String reasonCode) {
		return switch (status) {
			case REQUESTED, SCHEDULED, QUEUED, UNKNOWN -> IN_QUEUE;
			case SUBMITTED, SENT -> OUTBOX;
			case DELIVERED -> DELIVERED;
			case UNDELIVERED, FAILED, REJECTED, EXPIRED -> ERROR;
			case DELIVERY_UNKNOWN -> DELIVERY_UNKNOWN;
			case CANCELED -> LEAD_DELETED.equals(reasonCode) ? DELETED : CANCELED;
		};
	}

	/** The bucket named so in the API ({@code error}, {@code inQueue}, ...), if any. */
	public static Optional<StatusBucket> fromApiName(String name) {
		for (StatusBucket bucket : values()) {
			if (bucket.apiName.equals(name)) {
				return Optional.of(bucket);
			}
		}
		return Optional.empty();
	}

	/** The bucket stored in a row's {@code bucket} column. */
	public static StatusBucket fromColumn(String column) {
		for (StatusBucket bucket : values()) {
			if (bucket.column.equals(column)) {
				return bucket;
			}
		}
		throw new IllegalArgumentException("Unknown bucket " + column);
	}

	/** The statuses whose texts can be in this bucket. */
	public Set<MessageStatus> statuses() {
		Set<MessageStatus> statuses = EnumSet.noneOf(MessageStatus.class);
		for (MessageStatus status : MessageStatus.values()) {
			if (of(status, null) == this || (this == DELETED && status == MessageStatus.CANCELED)) {
				statuses.add(status);
			}
		}
		return statuses;
	}

	/** Its value in the {@code bucket} columns. */
	public String column() {
		return this.column;
	}

	/** Its name in the API and in the counts of campaign events. */
	public String apiName() {
		return this.apiName;
	}

	/**
	 * Whether a text in this bucket is done, as far as campaign completion goes
	 * (DELIVERY_UNKNOWN counts as done; a late DELIVERED can still change it).
	 */
	public boolean terminal() {
		return this.terminal;
	}

}
