package dev.smspipeline.campaign.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code account}, {@code api_key} and {@code sender} tables: the only writer of all
 * three. Callers hold a transaction and lock an account ({@link #lock}) before changing
 * it, so concurrent changes of one account apply one after the other and each gets the
 * next version.
 */
@Repository
class AccountStore {

	private static final String COLUMNS = """
			id, name, status, default_sender, daily_limit, monthly_limit, trial, verified_numbers, help_text,
			version, created_at, updated_at""";

	private final JdbcClient jdbc;

	AccountStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<AccountView> find(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ?")
			.param(id)
			.query((row, n) -> account(row))
			.optional()
			.map(this::withSenders);
	}

	Optional<AccountView> lock(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ? FOR UPDATE")
			.param(id)
			.query((row, n) -> account(row))
			.optional()
			.map(this::withSenders);
	}

	List<AccountView> list() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account ORDER BY id")
			.query((row, n) -> account(row))
			.list()
			.stream()
			.map(this::withSenders)
			.toList();
	}

	/** Inserts a new account; false when the id is taken. */
	boolean insert(AccountView account) {
		return this.jdbc.sql("""
				INSERT INTO account (id, name, status, default_sender, daily_limit, monthly_limit, trial,
				    verified_numbers, help_text, version, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?)
				ON CONFLICT (id) DO NOTHING
				""")
			.params(account.id(), account.name(), account.status(), account.defaultSender(), account.dailyLimit(),
					account.monthlyLimit(), account.trial(), textArray(account.verifiedNumbers()), account.helpText(),
					account.version(), Timestamp.from(account.createdAt()), Timestamp.from(account.updatedAt()))
			.update() == 1;
	}

	void update(AccountView account) {
		this.jdbc.sql("""
				UPDATE account SET name = ?, status = ?, default_sender = ?, daily_limit = ?, monthly_limit = ?,
				    trial = ?, verified_numbers = ?::text[], help_text = ?, version = ?, updated_at = ?
				WHERE id = ?
				""")
			.params(account.name(), account.status(), account.defaultSender(), account.dailyLimit(),
					account.monthlyLimit(), account.trial(), textArray(account.verifiedNumbers()), account.helpText(),
					account.version(), Timestamp.from(account.updatedAt()), account.id())
			.update();
	}

	/** Gives the account exactly these senders. */
	void replaceSenders(String accountId, List<Sender> senders) {
		this.jdbc.sql("DELETE FROM sender WHERE account_id = ?").param(accountId).update();
		for (Sender sender : senders) {
			this.jdbc.sql("INSERT INTO sender (number, account_id, kind, segments_per_second) VALUES (?, ?, ?, ?)")
				.params(sender.number(), accountId, sender.kind().name(), sender.segmentsPerSecond())
				.update();
		}
	}

	/**
	 * The owners of those of the numbers that belong to an account other than this one.
	 */
	Map<String, String> ownedByOthers(String accountId, List<String> numbers) {
		Map<String, String> owners = new HashMap<>();
		if (numbers.isEmpty()) {
			return owners;
		}
		this.jdbc.sql("SELECT number, account_id FROM sender WHERE number = ANY (?::text[]) AND account_id <> ?")
			.params(textArray(numbers), accountId)
			.query((row) -> {
				owners.put(row.getString(1), row.getString(2));
			});
		return owners;
	}

	void insertKey(String accountId, String keyId, String sha256, String name, Instant createdAt) {
		this.jdbc.sql("INSERT INTO api_key (account_id, key_id, sha256, name, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(accountId, keyId, sha256, name, Timestamp.from(createdAt))
			.update();
	}

	/** Sets a key's hash (a configured key that changed) and lifts nothing else. */
	void replaceKeyHash(String accountId, String keyId, String sha256) {
		this.jdbc.sql("UPDATE api_key SET sha256 = ?, revoked_at = NULL WHERE account_id = ? AND key_id = ?")
			.params(sha256, accountId, keyId)
			.update();
	}

	Optional<KeyRow> key(String accountId, String keyId) {
		return this.jdbc
			.sql("SELECT key_id, sha256, name, created_at, revoked_at, last_used_at FROM api_key "
					+ "WHERE account_id = ? AND key_id = ?")
			.params(accountId, keyId)
			.query((row, n) -> keyRow(row))
			.optional();
	}

	/** Every key of the account, revoked ones too, oldest first. */
	List<KeyRow> keys(String accountId) {
		return this.jdbc
			.sql("SELECT key_id, sha256, name, created_at, revoked_at, last_used_at FROM api_key "
					+ "WHERE account_id = ? ORDER BY created_at, key_id")
			.param(accountId)
			.query((row, n) -> keyRow(row))
			.list();
	}

	/** Revokes a key that is not revoked yet; false when there is none. */
	boolean revokeKey(String accountId, String keyId, Instant now) {
		return this.jdbc
			.sql("UPDATE api_key SET revoked_at = ? WHERE account_id = ? AND key_id = ? AND revoked_at IS NULL")
			.params(Timestamp.from(now), accountId, keyId)
			.update() == 1;
	}

	private AccountView withSenders(AccountView account) {
		List<Sender> senders = this.jdbc
			.sql("SELECT number, kind, segments_per_second FROM sender WHERE account_id = ? ORDER BY number")
			.param(account.id())
			.query((row, n) -> new Sender(row.getString(1), SenderKind.valueOf(row.getString(2)), row.getDouble(3)))
			.list();
		return new AccountView(account.id(), account.name(), account.status(), senders, account.defaultSender(),
				account.dailyLimit(), account.monthlyLimit(), account.trial(), account.verifiedNumbers(),
				account.helpText(), account.version(), account.createdAt(), account.updatedAt());
	}

	private static AccountView account(ResultSet row) throws SQLException {
		Array verified = row.getArray("verified_numbers");
		List<String> numbers = (verified != null) ? Arrays.asList((String[]) verified.getArray()) : List.of();
		return new AccountView(row.getString("id"), row.getString("name"), row.getString("status"), List.of(),
				row.getString("default_sender"), row.getObject("daily_limit", Long.class),
				row.getObject("monthly_limit", Long.class), row.getBoolean("trial"), List.copyOf(numbers),
				row.getString("help_text"), row.getLong("version"), row.getTimestamp("created_at").toInstant(),
				row.getTimestamp("updated_at").toInstant());
	}

	private static KeyRow keyRow(ResultSet row) throws SQLException {
		Timestamp revoked = row.getTimestamp(5);
		Timestamp used = row.getTimestamp(6);
		return new KeyRow(row.getString(1), row.getString(2), row.getString(3), row.getTimestamp(4).toInstant(),
				(revoked != null) ? revoked.toInstant() : null, (used != null) ? used.toInstant() : null);
	}

	private static String[] textArray(List<String> values) {
		return values.toArray(String[]::new);
	}

	/**
	 * One stored key.
	 *
	 * @param keyId its id
	 * @param sha256 its hash
	 * @param name its name, or {@code null}
	 * @param createdAt when issued
	 * @param revokedAt when revoked, or {@code null}
	 * @param lastUsedAt last used, or {@code null}
	 */
	record KeyRow(String keyId, String sha256, String name, Instant createdAt, Instant revokedAt, Instant lastUsedAt) {

		ApiKeyView view() {
			return new ApiKeyView(this.keyId, this.name, this.createdAt, this.revokedAt, this.lastUsedAt);
		}

	}

}
