package dev.smspipeline.status.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.status.query.QueryParameters.StatusFilter;

/**
 * Searches recipients through {@code recipient_summary} (one row per account and number,
 * kept by the store's projector), never by aggregating texts. Keyset pages, newest latest
 * text first: {@code latestStatus} reads {@code recipient_summary_account_bucket_latest}
 * backwards, {@code minFailed} alone reads the partial index
 * {@code recipient_summary_failed}, which holds only recipients with a failure.
 */
@Repository
class RecipientQueries {

	/** Cursor kind of the recipient search. */
	static final String KIND = "r";

	private final JdbcClient jdbc;

	RecipientQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The account's recipients whose latest text is in {@code latest} (when given) and
	 * that have at least {@code minFailed} failed texts (when given), after
	 * {@code cursor}.
	 */
	Page<RecipientView> search(AccountId account, StatusFilter latest, Integer minFailed, Cursor cursor, int limit) {
		StringBuilder sql = new StringBuilder("""
				SELECT r.recipient, r.message_count, r.failed_count, r.latest_message_id, r.latest_status,
				    r.latest_created_at, m.reason_code, m.carrier_error_code, m.carrier_error_description
				FROM recipient_summary r
				LEFT JOIN message_status m ON m.message_id = r.latest_message_id
				WHERE r.account_id = ? AND r.latest_created_at IS NOT NULL""");
		List<Object> params = new ArrayList<>();
		params.add(account.value());
		if (latest != null) {
			sql.append(" AND ").append(latest.condition("r.latest_bucket", "r.latest_status"));
			params.addAll(Arrays.asList(latest.values()));
		}
		if (minFailed != null) {
			// "failed_count > 0" spelled out so the planner can use the partial index.
			sql.append(" AND r.failed_count > 0 AND r.failed_count >= ?");
			params.add(minFailed);
		}
		if (cursor != null) {
			sql.append(" AND (r.latest_created_at, r.recipient) < (?, ?)");
			params.add(SqlRows.timestamp(cursor.at()));
			params.add(cursor.id());
		}
		sql.append(" ORDER BY r.latest_created_at DESC, r.recipient DESC LIMIT ?");
		params.add(limit + 1);
		List<RecipientView> rows = this.jdbc.sql(sql.toString())
			.params(params)
			.query((row, n) -> new RecipientView(row.getString("recipient"), row.getLong("message_count"),
					row.getLong("failed_count"), row.getString("latest_message_id"), row.getString("latest_status"),
					SqlRows.instant(row, "latest_created_at"), row.getString("reason_code"),
					row.getString("carrier_error_code"), row.getString("carrier_error_description")))
			.list();
		return Page.of(rows, limit, (last) -> Cursor.encode(KIND, last.latestCreatedAt(), last.recipient()));
	}

}
