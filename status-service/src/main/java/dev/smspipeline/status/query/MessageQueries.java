package dev.smspipeline.status.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.status.query.QueryParameters.StatusFilter;

/**
 * Reads texts from the status store, always within one account. The lists are keyset
 * pages, newest first (creation time, then id), each read backwards along one index from
 * the cursor: {@code message_status_account_bucket_created} for the status search,
 * {@code message_status_account_recipient_created} for a recipient's texts.
 */
@Repository
class MessageQueries {

	/** Cursor kind of the status search. */
	static final String SEARCH = "m";

	/** Cursor kind of a recipient's texts. */
	static final String RECIPIENT = "rm";

	private static final String SUMMARY_COLUMNS = """
			SELECT message_id, recipient, campaign_id, status, reason_code, carrier_error_code,
			    carrier_error_description, created_at, updated_at
			FROM message_status""";

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

	/**
	 * The account's texts in {@code filter}'s bucket or status, created in
	 * {@code [from, to)} (either may be {@code null}), after {@code cursor}.
	 */
	public Page<MessageSummary> search(AccountId account, StatusFilter filter, Instant from, Instant to, Cursor cursor,
			int limit) {
		StringBuilder sql = new StringBuilder(SUMMARY_COLUMNS).append(" WHERE account_id = ? AND ")
			.append(filter.condition("bucket", "status"));
		List<Object> params = new ArrayList<>();
		params.add(account.value());
		params.addAll(Arrays.asList(filter.values()));
		if (from != null) {
			sql.append(" AND created_at >= ?");
			params.add(SqlRows.timestamp(from));
		}
		if (to != null) {
			sql.append(" AND created_at < ?");
			params.add(SqlRows.timestamp(to));
		}
		return page(sql, params, cursor, limit, SEARCH);
	}

	/** The account's texts to {@code recipient}, after {@code cursor}. */
	public Page<MessageSummary> toRecipient(AccountId account, String recipient, Cursor cursor, int limit) {
		StringBuilder sql = new StringBuilder(SUMMARY_COLUMNS).append(" WHERE account_id = ? AND recipient = ?");
		List<Object> params = new ArrayList<>(List.of(account.value(), recipient));
		return page(sql, params, cursor, limit, RECIPIENT);
	}

	private Page<MessageSummary> page(StringBuilder sql, List<Object> params, Cursor cursor, int limit, String kind) {
		if (cursor != null) {
			sql.append(" AND (created_at, message_id) < (?, ?)");
			params.add(SqlRows.timestamp(cursor.at()));
			params.add(cursor.id());
		}
		sql.append(" ORDER BY created_at DESC, message_id DESC LIMIT ?");
		params.add(limit + 1);
		List<MessageSummary> rows = this.jdbc.sql(sql.toString())
			.params(params)
			.query((row, n) -> new MessageSummary(row.getString("message_id"), row.getString("recipient"),
					row.getString("campaign_id"), row.getString("status"), row.getString("reason_code"),
					row.getString("carrier_error_code"), row.getString("carrier_error_description"),
					SqlRows.instant(row, "created_at"), SqlRows.instant(row, "updated_at")))
			.list();
		return Page.of(rows, limit, (last) -> Cursor.encode(kind, last.createdAt(), last.messageId()));
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
		return SqlRows.instant(row, column);
	}

}
