package dev.smspipeline.status.store;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;

/**
 * Writes status events into the store, a batch at a time in one transaction: the history,
 * the current state of each text, its campaign's counters and its recipient's summary all
 * commit together or not at all.
 * <ul>
 * <li>{@code message_status_history} gets each event once: a repeated event id is
 * ignored.</li>
 * <li>{@code message_status}: the batch's texts are read and locked ({@code FOR UPDATE}),
 * the events are applied in order by {@link MessageState}'s rules, and only rows that
 * changed are written.</li>
 * <li>{@code campaign_counters} (kept by {@link Summaries}): a text moves from its old
 * bucket to its new one only when its stored state changed, by adding the difference, so
 * a duplicate or replayed event (which changes no state) changes no counter. A text joins
 * its campaign's counts when an event first names the campaign, in whatever bucket it is
 * by then (a callback may beat the REQUESTED event that carries the campaign).</li>
 * <li>{@code recipient_summary} (also by {@link Summaries}): message and failure counts
 * move the same way; the latest text is looked up again (one index probe) after the row
 * is locked, so it sees every text of the recipient that other transactions
 * committed.</li>
 * </ul>
 * Rows shared with other consumers (campaigns, recipients) are locked in one order
 * (sorted by key), so two batches never wait on each other in a cycle. A batch that meets
 * a text another consumer inserted meanwhile (only possible while a partition changes
 * owner) is rolled back with a {@link ConcurrencyFailureException} and retried by the
 * container. (Do not set the driver's {@code reWriteBatchedInserts}: the per-row update
 * counts are what detects that.)
 */
@Repository
class StatusStore {

	private static final String INSERT_HISTORY = """
			INSERT INTO message_status_history (event_id, message_id, account_id, status, source, reason_code,
			    carrier_error_code, carrier_error_description, carrier_message_id, attempt, occurred_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (event_id) DO NOTHING
			""";

	private static final String SELECT_CURRENT = """
			SELECT message_id, account_id, campaign_id, recipient, sender, status, status_rank, reason_code,
			    carrier_error_code, carrier_error_description, carrier_message_id, segments, created_at, updated_at,
			    submitted_at, last_submitted_at
			FROM message_status
			WHERE message_id = ANY (?)
			ORDER BY message_id
			FOR UPDATE
			""";

	private static final String INSERT_CURRENT = """
			INSERT INTO message_status (campaign_id, recipient, sender, status, status_rank, bucket, reason_code,
			    carrier_error_code, carrier_error_description, carrier_message_id, segments, created_at, updated_at,
			    submitted_at, last_submitted_at, message_id, account_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (message_id) DO NOTHING
			""";

	private static final String UPDATE_CURRENT = """
			UPDATE message_status SET campaign_id = ?, recipient = ?, sender = ?, status = ?, status_rank = ?,
			    bucket = ?, reason_code = ?, carrier_error_code = ?, carrier_error_description = ?,
			    carrier_message_id = ?, segments = ?, created_at = ?, updated_at = ?, submitted_at = ?,
			    last_submitted_at = ?
			WHERE message_id = ? AND account_id = ?
			""";

	private final JdbcTemplate jdbc;

	private final StoreMetrics metrics;

	private final Summaries summaries;

	StatusStore(JdbcTemplate jdbc, StoreMetrics metrics, Summaries summaries) {
		this.jdbc = jdbc;
		this.metrics = metrics;
		this.summaries = summaries;
	}

	/** Applies {@code events}, in order, in one transaction: all of them or none. */
	@Transactional
	public void write(List<DeliveryStatus> events) {
		if (events.isEmpty()) {
			return;
		}
		int[][] history = this.jdbc.batchUpdate(INSERT_HISTORY, events, events.size(), StatusStore::setHistory);
		Map<String, MessageState> before = current(
				events.stream().map((e) -> Texts.required(e.getMessageId())).toList());
		Map<String, MessageState> after = new LinkedHashMap<>();
		for (DeliveryStatus event : events) {
			after.compute(Texts.required(event.getMessageId()), (id, state) -> {
				MessageState base = (state != null) ? state : before.get(id);
				return (base != null) ? base.apply(event) : MessageState.first(event);
			});
		}
		List<MessageState> inserted = new ArrayList<>();
		List<MessageState> updated = new ArrayList<>();
		after.forEach((id, state) -> {
			MessageState was = before.get(id);
			if (was == null) {
				inserted.add(state);
			}
			else if (!was.equals(state)) {
				updated.add(state);
			}
		});
		insert(inserted);
		update(updated);
		this.summaries.update(before, after);
		this.metrics.afterCommit(newlyStored(events, history), firstFinal(before, after));
	}

	/** The occurredAt of the events whose history row was inserted (not repeats). */
	private static List<Instant> newlyStored(List<DeliveryStatus> events, int[][] history) {
		List<Instant> stored = new ArrayList<>(events.size());
		int index = 0;
		for (int[] batch : history) {
			for (int count : batch) {
				if (count != 0 && index < events.size()) {
					stored.add(events.get(index).getOccurredAt());
				}
				index++;
			}
		}
		return stored;
	}

	/** The texts whose stored status is final now and was not before. */
	private static List<MessageState> firstFinal(Map<String, MessageState> before, Map<String, MessageState> after) {
		List<MessageState> finals = new ArrayList<>();
		after.forEach((id, now) -> {
			MessageState was = before.get(id);
			if (now.rank() >= StatusRank.FINAL && (was == null || was.rank() < StatusRank.FINAL)) {
				finals.add(now);
			}
		});
		return finals;
	}

	private Map<String, MessageState> current(List<String> messageIds) {
		Map<String, MessageState> states = new HashMap<>();
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(SELECT_CURRENT);
			Array ids = connection.createArrayOf("text", messageIds.stream().distinct().toArray());
			statement.setArray(1, ids);
			return statement;
		}, (ResultSet row) -> {
			MessageState state = new MessageState(row.getString("message_id"), row.getString("account_id"),
					row.getString("campaign_id"), row.getString("recipient"), row.getString("sender"),
					status(row.getString("status")), row.getInt("status_rank"), row.getString("reason_code"),
					row.getString("carrier_error_code"), row.getString("carrier_error_description"),
					row.getString("carrier_message_id"), row.getObject("segments", Integer.class),
					instant(row, "created_at"), instant(row, "updated_at"), instant(row, "submitted_at"),
					instant(row, "last_submitted_at"));
			states.put(state.messageId(), state);
		});
		return states;
	}

	private void insert(List<MessageState> states) {
		if (states.isEmpty()) {
			return;
		}
		int[][] counts = this.jdbc.batchUpdate(INSERT_CURRENT, states, states.size(), StatusStore::setCurrent);
		for (int[] batch : counts) {
			for (int count : batch) {
				if (count == 0) {
					throw new ConcurrencyFailureException(
							"Another consumer stored one of this batch's texts meanwhile; the batch is applied again");
				}
			}
		}
	}

	private void update(List<MessageState> states) {
		if (!states.isEmpty()) {
			this.jdbc.batchUpdate(UPDATE_CURRENT, states, states.size(), StatusStore::setCurrent);
		}
	}

	private static void setHistory(PreparedStatement statement, DeliveryStatus event) throws SQLException {
		statement.setString(1, Texts.required(event.getEventId()));
		statement.setString(2, Texts.required(event.getMessageId()));
		statement.setString(3, Texts.required(event.getAccountId()));
		statement.setString(4, event.getStatus().name());
		statement.setString(5, event.getSource().name());
		statement.setString(6, Texts.text(event.getReasonCode()));
		statement.setString(7, Texts.text(event.getCarrierErrorCode()));
		statement.setString(8, Texts.text(event.getCarrierErrorDescription()));
		statement.setString(9, Texts.text(event.getCarrierMessageId()));
		statement.setInt(10, event.getAttempt());
		statement.setObject(11, timestamp(event.getOccurredAt()));
	}

	private static void setCurrent(PreparedStatement statement, MessageState state) throws SQLException {
		statement.setString(1, state.campaignId());
		statement.setString(2, state.recipient());
		statement.setString(3, state.sender());
		statement.setString(4, state.status().name());
		statement.setInt(5, state.rank());
		statement.setString(6, state.bucket().column());
		statement.setString(7, state.reasonCode());
		statement.setString(8, state.carrierErrorCode());
		statement.setString(9, state.carrierErrorDescription());
		statement.setString(10, state.carrierMessageId());
		if (state.segments() != null) {
			statement.setInt(11, state.segments());
		}
		else {
			statement.setNull(11, Types.INTEGER);
		}
		statement.setObject(12, timestamp(state.createdAt()));
		statement.setObject(13, timestamp(state.updatedAt()));
		statement.setObject(14, timestamp(state.submittedAt()));
		statement.setObject(15, timestamp(state.lastSubmittedAt()));
		statement.setString(16, state.messageId());
		statement.setString(17, state.accountId());
	}

	private static MessageStatus status(String name) {
		try {
			return MessageStatus.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			return MessageStatus.UNKNOWN;
		}
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
