package dev.smspipeline.status.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.smspipeline.events.DeliveryStatus;

/**
 * Writes status events into the store, a batch at a time in one transaction, with one
 * JDBC batch per table.
 * <ul>
 * <li>{@code message_status_history} gets each event once: a repeated event id is
 * ignored.</li>
 * <li>{@code message_status} moves to the event's status only when it ranks higher than
 * the current one ({@link StatusRank}); the reason and carrier error move with the
 * status. Facts about the text (campaign, recipient, sender, segments) are filled from
 * whichever event has them first; the carrier's message id prefers the event that set the
 * current status. So the row ends the same whatever order the events arrive in, and
 * applying an event again changes nothing.</li>
 * </ul>
 * The statements run one after another inside the batch, so several events of one text in
 * one batch apply in order. (Do not set the driver's {@code reWriteBatchedInserts}: it
 * would fold them into one multi-row upsert, which PostgreSQL refuses when two rows hit
 * the same message.)
 */
@Repository
class StatusStore {

	private static final String INSERT_HISTORY = """
			INSERT INTO message_status_history (event_id, message_id, account_id, status, source, reason_code,
			    carrier_error_code, carrier_error_description, carrier_message_id, attempt, occurred_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (event_id) DO NOTHING
			""";

	// In ON CONFLICT DO UPDATE, "current" is the row as it was; every SET reads that.
	private static final String UPSERT_CURRENT = """
			INSERT INTO message_status AS current (message_id, account_id, campaign_id, recipient, sender, status,
			    status_rank, reason_code, carrier_error_code, carrier_error_description, carrier_message_id, segments,
			    created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (message_id) DO UPDATE SET
			    status = CASE WHEN EXCLUDED.status_rank > current.status_rank
			        THEN EXCLUDED.status ELSE current.status END,
			    status_rank = GREATEST(current.status_rank, EXCLUDED.status_rank),
			    reason_code = CASE WHEN EXCLUDED.status_rank > current.status_rank
			        THEN EXCLUDED.reason_code ELSE current.reason_code END,
			    carrier_error_code = CASE WHEN EXCLUDED.status_rank > current.status_rank
			        THEN EXCLUDED.carrier_error_code ELSE current.carrier_error_code END,
			    carrier_error_description = CASE WHEN EXCLUDED.status_rank > current.status_rank
			        THEN EXCLUDED.carrier_error_description ELSE current.carrier_error_description END,
			    carrier_message_id = CASE WHEN EXCLUDED.status_rank > current.status_rank
			        THEN COALESCE(EXCLUDED.carrier_message_id, current.carrier_message_id)
			        ELSE COALESCE(current.carrier_message_id, EXCLUDED.carrier_message_id) END,
			    campaign_id = COALESCE(current.campaign_id, EXCLUDED.campaign_id),
			    recipient = COALESCE(current.recipient, EXCLUDED.recipient),
			    sender = COALESCE(current.sender, EXCLUDED.sender),
			    segments = COALESCE(current.segments, EXCLUDED.segments),
			    created_at = LEAST(current.created_at, EXCLUDED.created_at),
			    updated_at = CASE WHEN EXCLUDED.status_rank > current.status_rank
			        THEN GREATEST(current.updated_at, EXCLUDED.updated_at) ELSE current.updated_at END
			WHERE EXCLUDED.status_rank > current.status_rank
			    OR (current.carrier_message_id IS NULL AND EXCLUDED.carrier_message_id IS NOT NULL)
			    OR (current.campaign_id IS NULL AND EXCLUDED.campaign_id IS NOT NULL)
			    OR (current.recipient IS NULL AND EXCLUDED.recipient IS NOT NULL)
			    OR (current.sender IS NULL AND EXCLUDED.sender IS NOT NULL)
			    OR (current.segments IS NULL AND EXCLUDED.segments IS NOT NULL)
			    OR EXCLUDED.created_at < current.created_at
			""";

	private final JdbcTemplate jdbc;

	StatusStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Applies {@code events}, in order, in one transaction: all of them or none. */
	@Transactional
	public void write(List<DeliveryStatus> events) {
		if (events.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(INSERT_HISTORY, events, events.size(), StatusStore::setHistory);
		this.jdbc.batchUpdate(UPSERT_CURRENT, events, events.size(), StatusStore::setCurrent);
	}

	private static void setHistory(PreparedStatement statement, DeliveryStatus event) throws SQLException {
		statement.setString(1, required(event.getEventId()));
		statement.setString(2, required(event.getMessageId()));
		statement.setString(3, required(event.getAccountId()));
		statement.setString(4, event.getStatus().name());
		statement.setString(5, event.getSource().name());
		statement.setString(6, text(event.getReasonCode()));
		statement.setString(7, text(event.getCarrierErrorCode()));
		statement.setString(8, text(event.getCarrierErrorDescription()));
		statement.setString(9, text(event.getCarrierMessageId()));
		statement.setInt(10, event.getAttempt());
		statement.setObject(11, timestamp(event.getOccurredAt()));
	}

	private static void setCurrent(PreparedStatement statement, DeliveryStatus event) throws SQLException {
		statement.setString(1, required(event.getMessageId()));
		statement.setString(2, required(event.getAccountId()));
		statement.setString(3, text(event.getCampaignId()));
		statement.setString(4, text(event.getRecipient()));
		statement.setString(5, text(event.getSender()));
		statement.setString(6, event.getStatus().name());
		statement.setInt(7, StatusRank.of(event.getStatus()));
		statement.setString(8, text(event.getReasonCode()));
		statement.setString(9, text(event.getCarrierErrorCode()));
		statement.setString(10, text(event.getCarrierErrorDescription()));
		statement.setString(11, text(event.getCarrierMessageId()));
		if (event.getSegments() != null) {
			statement.setInt(12, event.getSegments());
		}
		else {
			statement.setNull(12, Types.INTEGER);
		}
		OffsetDateTime occurredAt = timestamp(event.getOccurredAt());
		statement.setObject(13, occurredAt);
		statement.setObject(14, occurredAt);
	}

	/**
	 * Text as PostgreSQL takes it: blank is absent, and NUL (which a text column refuses)
	 * is dropped, so no field a client typed can block the stream.
	 */
	private static String text(CharSequence value) {
		if (value == null) {
			return null;
		}
		String text = value.toString();
		if (text.indexOf('\0') >= 0) {
			text = text.replace("\0", "");
		}
		return text.isBlank() ? null : text;
	}

	private static String required(String value) {
		return value.replace("\0", "");
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
