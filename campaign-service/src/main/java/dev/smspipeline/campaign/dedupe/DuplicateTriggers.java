package dev.smspipeline.campaign.dedupe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Finds the one-off text a trigger repeats: the same account, recipient (E.164) and body
 * handed to dispatch within the duplicate window ({@code recent_text}).
 *
 * <p>
 * <b>Why an advisory lock and not a unique key.</b> {@link #lockAndFindFirst} takes a
 * transaction-scoped PostgreSQL advisory lock on (account, recipient) before it looks,
 * and the caller records its own text ({@link #remember}) before the lock goes with its
 * commit. So of two identical requests, in one instance or several, the second always
 * sees the first, and the window is exact: "within two minutes" means two minutes,
 * measured from the first text. A unique key on (account, recipient, body hash, time
 * bucket) would need no lock, but two triggers a second apart that straddle a bucket
 * boundary land in different buckets and both go out, unless every request also checked
 * the previous bucket, which brings back the check-then-insert race the key was meant to
 * remove. The lock serializes only requests to one number of one account (dispatch
 * serializes those anyway, by partition) and is held for one short transaction. Lock keys
 * are 32-bit hashes in their own key space ({@value #LOCK_SPACE}): a collision only makes
 * two numbers wait for each other, never a wrong answer.
 */
@Repository
public class DuplicateTriggers {

	/** The advisory lock key space of duplicate checks ("dupe" in ASCII). */
	public static final int LOCK_SPACE = 0x64757065;

	private static final String LOCK_AND_FIND = """
			SELECT pg_advisory_xact_lock(?, ?);
			SELECT message_id FROM recent_text
			WHERE account_id = ? AND recipient = ? AND body_sha256 = ? AND created_at > ?
			ORDER BY created_at LIMIT 1
			""";

	private final JdbcTemplate jdbc;

	DuplicateTriggers(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** SHA-256 of a body, as it is compared. */
	public static byte[] hash(String body) {
		return sha256(body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Locks (account, recipient) until the caller's transaction ends, then finds the
	 * first text with this body since {@code since}.
	 * @param accountId the account
	 * @param recipient E.164
	 * @param bodyHash {@link #hash} of the body
	 * @param since start of the window
	 * @return the first text's id, or empty when this one is not a duplicate
	 */
	public Optional<UUID> lockAndFindFirst(String accountId, String recipient, byte[] bodyHash, Instant since) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("The duplicate check holds its lock until the request's transaction ends");
		}
		int key = lockKey(accountId, recipient);
		// Both statements go in one round trip (pgjdbc sends them with one Sync), and
		// still
		// run one after the other: the search starts, with its own snapshot, only once
		// the
		// lock is granted, so it sees the text of a request that held the lock before us.
		return this.jdbc.execute((ConnectionCallback<Optional<UUID>>) (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(LOCK_AND_FIND)) {
				statement.setInt(1, LOCK_SPACE);
				statement.setInt(2, key);
				statement.setString(3, accountId);
				statement.setString(4, recipient);
				statement.setBytes(5, bodyHash);
				statement.setObject(6, timestamp(since));
				statement.execute();
				if (!statement.getMoreResults()) {
					throw new IllegalStateException("The duplicate search returned no rows");
				}
				try (ResultSet rows = statement.getResultSet()) {
					return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.empty();
				}
			}
		});
	}

	/**
	 * The advisory lock a recipient's duplicate check takes:
	 * {@code pg_advisory_xact_lock(LOCK_SPACE, lockKey)}, visible in {@code pg_locks} as
	 * {@code classid = LOCK_SPACE, objid = lockKey} (unsigned).
	 * @param accountId the account
	 * @param recipient E.164
	 * @return the second half of the lock's key
	 */
	public static int lockKey(String accountId, String recipient) {
		return ByteBuffer.wrap(sha256((accountId + ":" + recipient).getBytes(StandardCharsets.UTF_8))).getInt();
	}

	/**
	 * Records a text handed to dispatch, in the transaction that publishes it.
	 * @param messageId the text
	 * @param accountId its account
	 * @param recipient E.164
	 * @param bodyHash {@link #hash} of its body
	 * @param at when
	 */
	public void remember(String messageId, String accountId, String recipient, byte[] bodyHash, Instant at) {
		this.jdbc.update("""
				INSERT INTO recent_text (message_id, account_id, recipient, body_sha256, created_at)
				VALUES (?::uuid, ?, ?, ?, ?)
				""", messageId, accountId, recipient, bodyHash, timestamp(at));
	}

	/**
	 * Deletes texts older than {@code before}, a batch at a time.
	 * @param before the oldest time kept
	 * @param batchSize most rows per statement
	 * @return how many were deleted
	 */
	public int purge(Instant before, int batchSize) {
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.update("""
					DELETE FROM recent_text WHERE message_id = ANY (ARRAY (
					    SELECT message_id FROM recent_text WHERE created_at < ? LIMIT ?))
					""", timestamp(before), batchSize);
			total += deleted;
		}
		while (deleted == batchSize);
		return total;
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
