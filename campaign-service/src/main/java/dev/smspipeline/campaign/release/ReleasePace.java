package dev.smspipeline.campaign.release;

import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * How fast dispatch settles campaign texts (submits them to the carrier or ends them),
 * every instance together: the {@code release_pace} table, one row per second with the
 * texts settled in it. Written by the settlement listener, read by {@link ReleaseWindow}.
 * Rows older than {@link #KEPT} are purged.
 */
@Repository
public class ReleasePace {

	/** How long per-second rows are kept. */
	static final Duration KEPT = Duration.ofMinutes(1);

	private final JdbcTemplate jdbc;

	ReleasePace(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds texts settled at {@code now} to its second. Call it in the transaction that
	 * settled them, so a settlement read twice is not counted twice.
	 * @param settled texts settled
	 * @param now when
	 */
	public void settled(int settled, Instant now) {
		if (settled <= 0) {
			return;
		}
		this.jdbc.update("""
				INSERT INTO release_pace (second, settled) VALUES (?, ?)
				ON CONFLICT (second) DO UPDATE SET settled = release_pace.settled + excluded.settled
				""", now.getEpochSecond(), settled);
	}

	/**
	 * Texts settled per second over the {@code span} before {@code now}, the current
	 * second included.
	 * @param now the current time
	 * @param span how far back to look, at least a second
	 * @return texts per second
	 */
	double perSecond(Instant now, Duration span) {
		long seconds = Math.max(1, span.toSeconds());
		Long settled = this.jdbc.queryForObject(
				"SELECT coalesce(sum(settled), 0) FROM release_pace WHERE second > ? AND second <= ?", Long.class,
				now.getEpochSecond() - seconds, now.getEpochSecond());
		return ((settled != null) ? settled : 0) / (double) seconds;
	}

	/**
	 * Deletes rows older than {@link #KEPT}.
	 * @param now the current time
	 */
	void purge(Instant now) {
		this.jdbc.update("DELETE FROM release_pace WHERE second < ?", now.minus(KEPT).getEpochSecond());
	}

}
