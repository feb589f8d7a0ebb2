package dev.smspipeline.platform.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.smspipeline.events.AccountState;
import dev.smspipeline.events.AccountStatus;
import dev.smspipeline.events.ApiKeyEntry;
import dev.smspipeline.platform.account.AccountDirectory.ApiKeyOwner;

import static org.assertj.core.api.Assertions.assertThat;

class AccountDirectoryTests {

	private final AccountDirectory directory = new AccountDirectory();

	@Test
	void knowsAConfiguredAccountByItsKey() {
		this.directory.upsert(new AccountId("acme"), ApiKeyHash.of("acme-key"));

		assertThat(this.directory.findByApiKey("acme-key"))
			.contains(new ApiKeyOwner(new AccountId("acme"), "bootstrap", true));
	}

	@Test
	void thePublishedStateReplacesTheConfiguredKey() {
		this.directory.upsert(new AccountId("acme"), ApiKeyHash.of("configured"));

		this.directory.apply(state("acme", 1, AccountStatus.ACTIVE, "published"));

		assertThat(this.directory.findByApiKey("configured")).isEmpty();
		assertThat(this.directory.findByApiKey("published")).map(ApiKeyOwner::account).contains(new AccountId("acme"));
	}

	@Test
	void aKeyLeftOutOfTheNextStateIsRevoked() {
		this.directory.apply(state("acme", 1, AccountStatus.ACTIVE, "old", "new"));

		this.directory.apply(state("acme", 2, AccountStatus.ACTIVE, "new"));

		assertThat(this.directory.findByApiKey("old")).isEmpty();
		assertThat(this.directory.findByApiKey("new")).isPresent();
	}

	@Test
	void aSuspendedAccountsKeysAreKnownButInactive() {
		this.directory.apply(state("acme", 1, AccountStatus.SUSPENDED, "key"));

		assertThat(this.directory.findByApiKey("key")).map(ApiKeyOwner::active).contains(false);
	}

	@Test
	void anOlderStateThanTheAppliedOneChangesNothing() {
		this.directory.apply(state("acme", 5, AccountStatus.ACTIVE, "current"));

		boolean changed = this.directory.apply(state("acme", 4, AccountStatus.ACTIVE, "stale"));

		assertThat(changed).isFalse();
		assertThat(this.directory.findByApiKey("stale")).isEmpty();
		assertThat(this.directory.findByApiKey("current")).isPresent();
	}

	@Test
	void unknownKeysDoNotDisturbKnownOnes() {
		this.directory.apply(state("acme", 1, AccountStatus.ACTIVE, "good"));

		for (int i = 0; i < 50_000; i++) {
			assertThat(this.directory.findByApiKey(UUID.randomUUID().toString())).isEmpty();
		}

		assertThat(this.directory.findByApiKey("good")).isPresent();
	}

	@Test
	void aTombstoneForgetsTheAccount() {
		this.directory.apply(state("acme", 1, AccountStatus.ACTIVE, "key"));

		this.directory.remove("acme");

		assertThat(this.directory.findByApiKey("key")).isEmpty();
	}

	@Test
	void keysOfOneAccountNeverResolveToAnother() {
		this.directory.apply(state("acme", 1, AccountStatus.ACTIVE, "acme-key"));
		this.directory.apply(state("globex", 1, AccountStatus.SUSPENDED, "globex-key"));

		assertThat(this.directory.findByApiKey("acme-key")).map(ApiKeyOwner::account).contains(new AccountId("acme"));
		assertThat(this.directory.findByApiKey("globex-key")).map(ApiKeyOwner::account)
			.contains(new AccountId("globex"));
	}

	@Test
	void tellsWhoWaitsForItOnceItIsLoaded() {
		AtomicBoolean told = new AtomicBoolean();
		this.directory.whenLoaded().thenRun(() -> told.set(true));
		assertThat(told).isFalse();

		this.directory.markLoaded();

		assertThat(told).isTrue();
		assertThat(this.directory.loaded()).isTrue();
	}

	static AccountState state(String id, long version, AccountStatus status, String... keys) {
		List<ApiKeyEntry> entries = java.util.Arrays.stream(keys)
			.map((key) -> ApiKeyEntry.newBuilder()
				.setKeyId("k-" + key)
				.setSha256(ApiKeyHash.of(key).hex())
				.setCreatedAt(Instant.EPOCH)
				.build())
			.toList();
		return AccountState.newBuilder()
			.setAccountId(id)
			.setName(id)
			.setStatus(status)
			.setApiKeys(entries)
			.setVersion(version)
			.setUpdatedAt(Instant.EPOCH)
			.build();
	}

}
