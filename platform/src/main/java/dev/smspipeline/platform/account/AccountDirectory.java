package dev.smspipeline.platform.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.smspipeline.events.AccountState;
import dev.smspipeline.events.AccountStatus;

/**
 * This service's view of the accounts: who an API key belongs to and whether that account
 * may call. It lives in memory and is fed by {@link AccountStateReader} from the
 * compacted {@code sms.accounts} topic, which campaign-service's admin API writes, so a
 * new account, a revoked key or a suspension reaches every service within the reader's
 * poll, with no restart and no cache to expire.
 *
 * <p>
 * Accounts named in {@code sms.accounts.bootstrap} are known from start-up with their
 * configured key, until the topic has a state for the same account, which then replaces
 * the configured one entirely (a key revoked through the admin API stays revoked across
 * restarts). A lookup of an unknown key changes nothing, so a flood of random keys cannot
 * push good keys out of anything.
 */
public class AccountDirectory {

	/** Written under this object's lock; read without it (once per text on hot paths). */
	private final Map<String, AccountState> published = new ConcurrentHashMap<>();

	private final Map<String, ApiKeyHash> configured = new HashMap<>();

	private volatile Map<String, ApiKeyOwner> byKeyHash = Map.of();

	private volatile Map<String, AccountId> bySender = Map.of();

	private final CompletableFuture<Void> loaded = new CompletableFuture<>();

	/**
	 * The owner of an API key.
	 * @param apiKey the key as the caller sent it
	 * @return its account and whether the account may call, or empty for an unknown key
	 */
	public Optional<ApiKeyOwner> findByApiKey(String apiKey) {
		return Optional.ofNullable(this.byKeyHash.get(ApiKeyHash.of(apiKey).hex()));
	}

	/**
	 * Knows a configured account with this key until the topic says otherwise (start-up
	 * bootstrap, tests).
	 * @param account the account
	 * @param hash its key's hash
	 */
	public synchronized void upsert(AccountId account, ApiKeyHash hash) {
		this.configured.put(account.value(), hash);
		reindex();
	}

	/**
	 * Applies a state read from the topic, unless an equal or newer version of the same
	 * account is already applied.
	 * @param state the account's whole state
	 * @return whether it changed the view
	 */
	public synchronized boolean apply(AccountState state) {
		AccountState current = this.published.get(state.getAccountId());
		if (current != null && current.getVersion() >= state.getVersion()) {
			return false;
		}
		this.published.put(state.getAccountId(), state);
		reindex();
		return true;
	}

	/**
	 * Forgets an account whose record was deleted from the topic (a tombstone).
	 * @param accountId the account
	 */
	public synchronized void remove(String accountId) {
		if (this.published.remove(accountId) != null) {
			reindex();
		}
	}

	/**
	 * The account's published state.
	 * @param account the account
	 * @return its state, or empty when the topic has none (yet)
	 */
	public Optional<AccountState> state(AccountId account) {
		return Optional.ofNullable(this.published.get(account.value()));
	}

	/**
	 * The account that owns a sender number.
	 * @param number the number in its canonical form (E.164, or a short code's digits)
	 * @return its owner, or empty when no account owns it
	 */
	public Optional<AccountId> ownerOf(String number) {
		return (number != null) ? Optional.ofNullable(this.bySender.get(number.strip())) : Optional.empty();
	}

	/**
	 * Whether the topic has been read up to where it ended when this service started:
	 * until then, an unknown key may belong to an account not read yet.
	 */
	public boolean loaded() {
		return this.loaded.isDone();
	}

	/**
	 * Completes once {@link #loaded()}: for a service that must not decide anything on
	 * accounts before it has read them all (dispatch starts its intake then). Its
	 * callbacks run on the reader's thread, or at once on the caller's when already
	 * loaded, and must not block.
	 * @return a stage that completes normally, once
	 */
	public CompletionStage<Void> whenLoaded() {
		return this.loaded.minimalCompletionStage();
	}

	/** How many accounts the topic has told this service about. */
	public int size() {
		return this.published.size();
	}

	void markLoaded() {
		this.loaded.complete(null);
	}

	/** Rebuilds the key index; readers see the old or the new one whole. */
	private void reindex() {
		Map<String, ApiKeyOwner> index = new HashMap<>();
		this.configured.forEach((id, hash) -> {
			if (!this.published.containsKey(id)) {
				index.put(hash.hex(), new ApiKeyOwner(new AccountId(id), "bootstrap", true));
			}
		});
		this.published.values().forEach((state) -> {
			boolean active = state.getStatus() == AccountStatus.ACTIVE;
			List.copyOf(state.getApiKeys())
				.forEach((key) -> index.put(key.getSha256(),
						new ApiKeyOwner(new AccountId(state.getAccountId()), key.getKeyId(), active)));
		});
		this.byKeyHash = Map.copyOf(index);
		Map<String, AccountId> senders = new HashMap<>();
		this.published.values()
			.forEach((state) -> state.getSenders()
				.forEach((sender) -> senders.put(sender.getNumber(), new AccountId(state.getAccountId()))));
		this.bySender = Map.copyOf(senders);
	}

	/**
	 * Who an API key belongs to.
	 *
	 * @param account the account
	 * @param keyId the key's id ({@code bootstrap} for a configured key)
	 * @param active whether the account may call (false: suspended)
	 */
	public record ApiKeyOwner(AccountId account, String keyId, boolean active) {
	}

}
