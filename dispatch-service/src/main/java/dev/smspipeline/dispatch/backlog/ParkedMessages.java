package dev.smspipeline.dispatch.backlog;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code parked_message} table. Rows are keyed by their source partition and offset,
 * so parking a redelivered record again changes nothing.
 */
public class ParkedMessages {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	public ParkedMessages(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * Inserts rows, one batch, one transaction per statement as the driver sends them.
	 * @param rows the rows
	 * @return per row, whether it was new
	 */
	boolean[] insert(List<ParkedRow> rows) {
		int[] counts = this.template.batchUpdate("""
				INSERT INTO parked_message (source_partition, source_offset, recipient, message_id, campaign_id,
				                            request, parked_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (source_partition, source_offset) DO NOTHING""", rows, rows.size(), (statement, row) -> {
			statement.setInt(1, row.partition());
			statement.setLong(2, row.offset());
			statement.setString(3, row.recipient());
			statement.setString(4, row.messageId());
			statement.setString(5, row.campaignId());
			statement.setBytes(6, row.value());
			statement.setTimestamp(7, Timestamp.from(row.parkedAt()));
		})[0];
		boolean[] inserted = new boolean[rows.size()];
		for (int i = 0; i < inserted.length; i++) {
			inserted[i] = counts[i] != 0;
		}
		return inserted;
	}

	/**
	 * The next rows of one number, in order.
	 * @param recipient the number
	 * @param partition its partition
	 * @param after the highest offset loaded so far (-1: none)
	 * @param limit the most rows
	 * @return the rows, by offset
	 */
	List<ParkedRow> next(String recipient, int partition, long after, int limit) {
		return this.jdbc.sql("""
				SELECT source_partition, source_offset, recipient, message_id, campaign_id, request, parked_at
				FROM parked_message
				WHERE recipient = ? AND source_partition = ? AND source_offset > ?
				ORDER BY source_offset LIMIT ?""")
			.params(recipient, partition, after, limit)
			.query((row, number) -> new ParkedRow(row.getInt("source_partition"), row.getLong("source_offset"),
					row.getString("recipient"), row.getString("message_id"), row.getString("campaign_id"),
					row.getBytes("request"), row.getTimestamp("parked_at").toInstant()))
			.list();
	}

	/**
	 * Deletes rows whose texts have their outcome.
	 * @param keys partition and offset of each
	 */
	void delete(List<long[]> keys) {
		this.template.batchUpdate("DELETE FROM parked_message WHERE source_partition = ? AND source_offset = ?", keys,
				keys.size(), (statement, key) -> {
					statement.setInt(1, (int) key[0]);
					statement.setLong(2, key[1]);
				});
	}

	/**
	 * The numbers of one partition with parked texts, for a new assignment.
	 * @param partition the partition
	 * @return each number and how many texts it has parked
	 */
	public List<Backlog> backlogs(int partition) {
		return new ArrayList<>(this.jdbc.sql(
				"SELECT recipient, count(*) AS parked FROM parked_message WHERE source_partition = ? GROUP BY recipient")
			.param(partition)
			.query((row, number) -> new Backlog(row.getString("recipient"), row.getLong("parked")))
			.list());
	}

	/** Parked rows in all, for tests and the benchmark. */
	public long count() {
		return this.jdbc.sql("SELECT count(*) FROM parked_message").query(Long.class).single();
	}

	/**
	 * One number's parked texts in a partition.
	 *
	 * @param recipient the number
	 * @param parked how many
	 */
	public record Backlog(String recipient, long parked) {

	}

}
