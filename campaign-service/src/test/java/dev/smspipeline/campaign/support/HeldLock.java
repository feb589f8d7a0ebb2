package dev.smspipeline.campaign.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.awaitility.Awaitility;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smspipeline.campaign.dedupe.DuplicateTriggers;

/**
 * Holds a recipient's duplicate-check lock in a transaction of the test's own, so that
 * requests fired "at the same instant" really are in flight together: each one blocks
 * inside its transaction until {@link #close()} lets them go.
 */
public final class HeldLock implements AutoCloseable {

	private final Connection connection;

	private final JdbcTemplate jdbc;

	private HeldLock(Connection connection, JdbcTemplate jdbc) {
		this.connection = connection;
		this.jdbc = jdbc;
	}

	/** Takes the lock {@code DuplicateTriggers} takes for (account, recipient). */
	public static HeldLock duplicateCheck(DataSource dataSource, String account, String recipient) {
		try {
			Connection connection = dataSource.getConnection();
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_advisory_xact_lock(" + DuplicateTriggers.LOCK_SPACE + ", "
						+ DuplicateTriggers.lockKey(account, recipient) + ")");
			}
			return new HeldLock(connection, new JdbcTemplate(dataSource));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Waits until {@code count} sessions of the database wait for a lock. */
	public void awaitWaiters(int count) {
		Awaitility.await(count + " sessions waiting for a lock")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.jdbc.queryForObject("""
					SELECT count(*) FROM pg_stat_activity
					WHERE datname = current_database() AND wait_event_type = 'Lock'
					""", Integer.class), (waiting) -> waiting >= count);
	}

	/** Releases the lock: the waiting requests go on. Closing again does nothing. */
	@Override
	public void close() {
		try {
			if (this.connection.isClosed()) {
				return;
			}
			this.connection.rollback();
			this.connection.close();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
