package dev.smspipeline.status.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.status.store.StatusBucket;

/**
 * Reads campaigns from {@code campaign_counters}, the counters the store's projector
 * keeps per campaign: one row by primary key for the stats, a keyset page of
 * {@code campaign_counters_account_created} for the list.
 */
@Repository
class CampaignQueries {

	/** Cursor kind of the campaign list. */
	static final String KIND = "c";

	private static final String COLUMNS = """
			SELECT campaign_id, in_queue, outbox, delivered, error, delivery_unknown, canceled, deleted,
			    first_submitted_at, last_submitted_at, created_at, released_total, campaign_status, completed_at,
			    completion_reason
			FROM campaign_counters
			""";

	private final JdbcClient jdbc;

	CampaignQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The campaign's stats, or empty when the account has no texts of that campaign. */
	Optional<CampaignStats> stats(AccountId account, String campaignId) {
		return this.jdbc.sql(COLUMNS + " WHERE account_id = ? AND campaign_id = ?")
			.param(account.value())
			.param(campaignId)
			.query(CampaignQueries::stats)
			.optional();
	}

	/** The account's campaigns, newest first, after {@code cursor}. */
	Page<CampaignStats> list(AccountId account, Cursor cursor, int limit) {
		StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE account_id = ?");
		List<Object> params = new ArrayList<>();
		params.add(account.value());
		if (cursor != null) {
			sql.append(" AND (created_at, campaign_id) < (?, ?)");
			params.add(SqlRows.timestamp(cursor.at()));
			params.add(cursor.id());
		}
		sql.append(" ORDER BY created_at DESC, campaign_id DESC LIMIT ?");
		params.add(limit + 1);
		List<CampaignStats> rows = this.jdbc.sql(sql.toString()).params(params).query(CampaignQueries::stats).list();
		return Page.of(rows, limit, (last) -> Cursor.encode(KIND, last.createdAt(), last.campaignId()));
	}

	private static CampaignStats stats(ResultSet row, int rowNumber) throws SQLException {
		Map<String, Long> counts = new LinkedHashMap<>();
		long total = 0;
		for (StatusBucket bucket : StatusBucket.values()) {
			long count = row.getLong(bucket.column());
			counts.put(bucket.apiName(), count);
			total += count;
		}
		counts.put("total", total);
		Long released = row.getObject("released_total", Long.class);
		String state = (row.getObject("completed_at") != null) ? "COMPLETED" : (released != null) ? "RELEASED" : "OPEN";
		return new CampaignStats(row.getString("campaign_id"), counts, SqlRows.instant(row, "first_submitted_at"),
				SqlRows.instant(row, "last_submitted_at"), SqlRows.instant(row, "created_at"),
				new CampaignStats.Completion(state, released, row.getString("campaign_status"),
						SqlRows.instant(row, "completed_at"), row.getString("completion_reason")));
	}

}
