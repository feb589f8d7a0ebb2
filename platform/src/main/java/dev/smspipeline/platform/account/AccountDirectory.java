package dev.smspipeline.platform.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds the account an API key belongs to, in the service's own {@code account} table.
 * Answers are cached briefly so a busy API does not ask the database on every call; a
 * revoked key stops working within the cache TTL.
 */
public class AccountDirectory {

	private static final int MAX_CACHED_KEYS = 10_000;

	private final JdbcClient jdbc;

	private final Duration cacheTtl;

	private final Clock clock;

	private final Map<ApiKeyHash, Cached> cache = new ConcurrentHashMap<>();

	public AccountDirectory(JdbcClient jdbc, Duration cacheTtl, Clock clock) {
		this.jdbc = jdbc;
		this.cacheTtl = cacheTtl;
		this.clock = clock;
	}

	public Optional<AccountId> findByApiKey(String apiKey) {
		ApiKeyHash hash = ApiKeyHash.of(apiKey);
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(hash);
		if (cached != null && cached.expiresAt().isAfter(now)) {
			return cached.account();
		}
		Optional<AccountId> account = this.jdbc.sql("SELECT id FROM account WHERE api_key_sha256 = ?")
			.param(hash.hex())
			.query(String.class)
			.optional()
			.map(AccountId::new);
		if (this.cache.size() >= MAX_CACHED_KEYS) {
			this.cache.clear();
		}
		this.cache.put(hash, new Cached(account, now.plus(this.cacheTtl)));
		return account;
	}

	/** Creates the account, or gives an existing one this key. */
	public void upsert(AccountId account, ApiKeyHash hash) {
		this.jdbc.sql("""
				INSERT INTO account (id, api_key_sha256) VALUES (?, ?)
				ON CONFLICT (id) DO UPDATE SET api_key_sha256 = EXCLUDED.api_key_sha256
				""").param(account.value()).param(hash.hex()).update();
		this.cache.clear();
	}

	private record Cached(Optional<AccountId> account, Instant expiresAt) {
	}

}
