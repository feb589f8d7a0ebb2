package dev.smspipeline.status.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dev.smspipeline.platform.account.AccountId;

/**
 * Reads texts from the status store, always within one account.
 */
@Repository
class MessageQueries {

	private final JdbcClient jdbc;

	MessageQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The text with its history, or empty when the account has no text with this id. Both
	 * are read from one snapshot, so the history always ends where the status is.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Optional<MessageView> find(AccountId account, String messageId) {
		return this.jdbc.sql("""
				SELECT message_id, recipient, sender, campaign_id, status, reason_code, carrier_error_code,
				    carrier_error_description, carrier_message_id, segments, created_at, updated_at
				FROM message_status
				WHERE account_id = ? AND message_id = ?
				""")
			.param(account.value())
			.param(messageId)
			.query(MessageQueries::message)
			.optional()
			.map((message) -> message.withHistory(history(messageId)));
	}

	private List<MessageView.StatusChange> history(String messageId) {
		return this.jdbc.sql("""
				SELECT status, occurred_at, source, reason_code, carrier_error_code, carrier_error_description
				FROM message_status_history
				WHERE message_id = ?
				ORDER BY occurred_at, id
				""")
			.param(messageId)
			.query((row, n) -> new MessageView.StatusChange(row.getString("status"), instant(row, "occurred_at"),
					row.getString("source"), row.getString("reason_code"), row.getString("carrier_error_code"),
					row.getString("carrier_error_description")))
			.list();
	}

	private static MessageView message(ResultSet row, int rowNumber) throws SQLException {
		return new MessageView(row.getString("message_id"), row.getString("recipient"), row.getString("sender"),
				row.getString("campaign_id"), row.getString("status"), row.getString("reason_code"),
				row.getString("carrier_error_code"), row.getString("carrier_error_description"),
				row.getString("carrier_message_id"), row.getObject("segments", Integer.class),
				instant(row, "created_at"), instant(row, "updated_at"), List.of());
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
