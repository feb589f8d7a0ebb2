package dev.smspipeline.campaign.idempotency;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Idempotency keys ({@code idempotency_key}), per account, with insert-first semantics:
 * {@link #claim} inserts the key's row before anything else happens, in the caller's
 * transaction. The primary key on (account, key) decides the race: of several requests
 * with one key, in one instance or several, exactly one inserts; the others' inserts wait
 * on the index entry until the winner's transaction ends and then find its row, with the
 * answer the winner stored in the same transaction ({@link #answer}). If the winner rolls
 * back, one of the waiting requests wins instead. No request ever reads a key without its
 * answer, so there is no "in progress" state to poll.
 */
@Repository
public class IdempotencyKeys {

	private static final String CLAIM = """
			INSERT INTO idempotency_key (account_id, idempotency_key, fingerprint, source, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (account_id, idempotency_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
			    source = EXCLUDED.source, message_id = NULL, status_code = NULL, answer = NULL,
			    created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
			WHERE idempotency_key.expires_at <= EXCLUDED.created_at
			RETURNING true
			""";

	private final JdbcTemplate jdbc;

	private final IdempotencySettings settings;

	IdempotencyKeys(JdbcTemplate jdbc, IdempotencySettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * Takes the key for this request, or finds who has it. Waits while another
	 * transaction holds the key uncommitted. A key whose retention passed is taken over.
	 * Must run in a transaction, which the caller ends after {@link #answer}.
	 * @param accountId the account
	 * @param key the key
	 * @param fingerprint the request's fingerprint
	 * @param source where the request came from
	 * @param now the request's time
	 * @return {@link Claim.Won}, {@link Claim.Replay} or {@link Claim.Mismatch}
	 */
	public Claim claim(String accountId, String key, byte[] fingerprint, String source, Instant now) {
		requireTransaction();
		List<Boolean> won = this.jdbc.queryForList(CLAIM, Boolean.class, accountId, key, fingerprint, source,
				timestamp(now), timestamp(now.plus(this.settings.retention())));
		if (!won.isEmpty()) {
			return new Claim.Won();
		}
		return this.jdbc.query("""
				SELECT fingerprint, status_code, answer::text, message_id FROM idempotency_key
				WHERE account_id = ? AND idempotency_key = ?
				""", (row, n) -> {
			byte[] stored = row.getBytes(1);
			if (!Arrays.equals(stored, fingerprint)) {
				return (Claim) new Claim.Mismatch();
			}
			String answer = row.getString(3);
			if (answer == null) {
				throw new IllegalStateException("Idempotency key " + key + " of " + accountId + " has no answer");
			}
			return new Claim.Replay(row.getInt(2), answer);
		}, accountId, key).get(0);
	}

	/**
	 * Stores the answer of a key this transaction {@link #claim claimed}.
	 * @param accountId the account
	 * @param key the key
	 * @param messageId the text it names
	 * @param statusCode the HTTP status of the answer
	 * @param answer the answer's JSON
	 */
	public void answer(String accountId, String key, String messageId, int statusCode, String answer) {
		requireTransaction();
		this.jdbc.update("""
				UPDATE idempotency_key SET message_id = ?::uuid, status_code = ?, answer = ?::jsonb
				WHERE account_id = ? AND idempotency_key = ?
				""", messageId, statusCode, answer, accountId, key);
	}

	/**
	 * Deletes keys whose retention passed, a batch at a time.
	 * @param now the time
	 * @return how many were deleted
	 */
	public int purge(Instant now) {
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.update("""
					DELETE FROM idempotency_key WHERE ctid = ANY (ARRAY (
					    SELECT ctid FROM idempotency_key WHERE expires_at < ? LIMIT ?))
					""", timestamp(now), this.settings.purgeBatchSize());
			total += deleted;
		}
		while (deleted == this.settings.purgeBatchSize());
		return total;
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Idempotency keys are claimed and answered in the request's transaction");
		}
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** What claiming a key found. */
	public sealed interface Claim {

		/** This request has the key: go on, then {@link IdempotencyKeys#answer}. */
		record Won() implements Claim {
		}

		/**
		 * The key answered the same request before: answer this again, change nothing.
		 *
		 * @param statusCode the first answer's HTTP status
		 * @param answer the first answer's JSON
		 */
		record Replay(int statusCode, String answer) implements Claim {
		}

		/** The key was used for another request. */
		record Mismatch() implements Claim {
		}

	}

}
