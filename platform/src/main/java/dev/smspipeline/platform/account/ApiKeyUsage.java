package dev.smspipeline.platform.account;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each API key was last used on this instance, to the minute: the key filter notes
 * every call it lets through, and the service that lists keys takes the notes with
 * {@link #drain()} and stores them. One map entry per key used since the last drain; a
 * call costs one map lookup.
 */
public class ApiKeyUsage {

	private final Map<Key, Instant> lastUsed = new ConcurrentHashMap<>();

	private final Clock clock;

	public ApiKeyUsage(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Notes a call authenticated by the key.
	 * @param account the key's account
	 * @param keyId the key's id
	 */
	public void used(AccountId account, String keyId) {
		Instant minute = this.clock.instant().truncatedTo(ChronoUnit.MINUTES);
		Key key = new Key(account.value(), keyId);
		Instant noted = this.lastUsed.get(key);
		if (noted == null || noted.isBefore(minute)) {
			this.lastUsed.merge(key, minute, (was, now) -> was.isAfter(now) ? was : now);
		}
	}

	/**
	 * Takes the notes made since the last drain.
	 * @return the last use of each key used since then
	 */
	public Map<Key, Instant> drain() {
		Map<Key, Instant> drained = new HashMap<>();
		for (Key key : this.lastUsed.keySet()) {
			Instant at = this.lastUsed.remove(key);
			if (at != null) {
				drained.put(key, at);
			}
		}
		return drained;
	}

	/**
	 * An API key.
	 *
	 * @param account its account's id
	 * @param keyId its id, unique in the account
	 */
	public record Key(String account, String keyId) {
	}

}
