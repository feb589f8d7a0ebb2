package dev.smspipeline.status.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.platform.problem.Problems;
import dev.smspipeline.status.store.StatusBucket;

/**
 * Reads the query parameters of the lists, answering 400 problem+json naming the field
 * when one is not valid.
 */
final class QueryParameters {

	/** Items per page when {@code ?limit=} is absent. */
	static final int DEFAULT_LIMIT = 50;

	/** The most items one page may hold. */
	static final int MAX_LIMIT = 500;

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

	private QueryParameters() {
	}

	/** {@code ?limit=}: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
	static int limit(String value) {
		if (value == null || value.isBlank()) {
			return DEFAULT_LIMIT;
		}
		int limit = integer("limit", value);
		if (limit < 1 || limit > MAX_LIMIT) {
			throw Problems.invalid("limit", "must be between 1 and " + MAX_LIMIT);
		}
		return limit;
	}

	/** A positive whole number, or 400 naming {@code field}. */
	static int positive(String field, String value) {
		int number = integer(field, value);
		if (number < 1) {
			throw Problems.invalid(field, "must be 1 or more");
		}
		return number;
	}

	/** An E.164 number ({@code +} and up to 15 digits), or 400 naming {@code field}. */
	static String e164(String field, String value) {
		String number = (value != null) ? value.trim() : "";
		if (!E164.matcher(number).matches()) {
			throw Problems.invalid(field, "must be an E.164 number such as +14155550100 (send '+' as %2B in a query)");
		}
		return number;
	}

	/**
	 * An instant, ISO-8601 with a zone or offset ({@code 2026-03-01T00:00:00Z}), or 400
	 * naming {@code field}; {@code null} when absent.
	 */
	static Instant instant(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException again) {
				throw Problems.invalid(field,
						"must be an ISO-8601 instant such as 2026-03-01T00:00:00Z (send '+' as %2B in a query)");
			}
		}
	}

	/**
	 * A bucket name ({@code error}, {@code inQueue}, {@code outbox}, {@code delivered},
	 * {@code deliveryUnknown}, {@code canceled}, {@code deleted}) or a status name
	 * ({@code UNDELIVERED}, any case), or 400 naming {@code field}.
	 */
	static StatusFilter statusFilter(String field, String value) {
		if (value == null || value.isBlank()) {
			throw Problems.invalid(field, "is required: a bucket (error, inQueue, outbox, delivered, deliveryUnknown, "
					+ "canceled, deleted) or a status name (e.g. UNDELIVERED)");
		}
		String text = value.trim();
		Optional<StatusBucket> bucket = StatusBucket.fromApiName(text);
		if (bucket.isPresent()) {
			return new StatusFilter(bucket.get(), null);
		}
		try {
			MessageStatus status = MessageStatus.valueOf(text.toUpperCase(Locale.ROOT));
			if (status != MessageStatus.UNKNOWN) {
				return new StatusFilter(StatusBucket.of(status, null), status);
			}
		}
		catch (IllegalArgumentException ex) {
			// Neither a bucket nor a status: answered below.
		}
		throw Problems.invalid(field, "'" + text + "' is neither a bucket (error, inQueue, outbox, delivered, "
				+ "deliveryUnknown, canceled, deleted) nor a status name (e.g. UNDELIVERED)");
	}

	private static int integer(String field, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw Problems.invalid(field, "must be a whole number");
		}
	}

	/**
	 * Which texts a status parameter asks for: a whole bucket, or one status of it. A
	 * CANCELED status covers both canceled and deleted texts.
	 *
	 * @param bucket the bucket, when the whole bucket is asked for; for a status, the
	 * bucket it is in (ignored for CANCELED)
	 * @param status the status, or {@code null} for the whole bucket
	 */
	record StatusFilter(StatusBucket bucket, MessageStatus status) {

		/** The SQL condition on a table's bucket and status columns, with its values. */
		String condition(String bucketColumn, String statusColumn) {
			if (this.status == null) {
				return bucketColumn + " = ?";
			}
			if (this.status == MessageStatus.CANCELED) {
				return bucketColumn + " IN ('canceled', 'deleted') AND " + statusColumn + " = ?";
			}
			return bucketColumn + " = ? AND " + statusColumn + " = ?";
		}

		/** The values of {@link #condition}'s placeholders, in order. */
		Object[] values() {
			if (this.status == null) {
				return new Object[] { this.bucket.column() };
			}
			if (this.status == MessageStatus.CANCELED) {
				return new Object[] { this.status.name() };
			}
			return new Object[] { this.bucket.column(), this.status.name() };
		}

	}

}
