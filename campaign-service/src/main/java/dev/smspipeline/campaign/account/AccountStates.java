package dev.smspipeline.campaign.account;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.smspipeline.campaign.outbox.Outbox;
import dev.smspipeline.events.AccountState;
import dev.smspipeline.events.AccountStatus;
import dev.smspipeline.events.ApiKeyEntry;
import dev.smspipeline.events.SenderEntry;
import dev.smspipeline.schemas.Topics;

/**
 * Publishes an account's whole state on {@code sms.accounts} (key: account id) through
 * the outbox, so it goes out exactly once when, and only if, the change that made it
 * commits, after every earlier state of the same account.
 */
@Component
class AccountStates {

	private final AccountStore store;

	private final Outbox outbox;

	AccountStates(AccountStore store, Outbox outbox) {
		this.store = store;
		this.outbox = outbox;
	}

	/**
	 * Publishes the account as it is in this transaction.
	 * @param account the account, as just written
	 */
	void publish(AccountView account) {
		this.outbox.add(Topics.ACCOUNTS, account.id(), state(account));
	}

	AccountState state(AccountView account) {
		List<ApiKeyEntry> keys = this.store.keys(account.id())
			.stream()
			.filter((key) -> key.revokedAt() == null)
			.map((key) -> ApiKeyEntry.newBuilder()
				.setKeyId(key.keyId())
				.setSha256(key.sha256())
				.setName(key.name())
				.setCreatedAt(key.createdAt())
				.build())
			.toList();
		List<SenderEntry> senders = account.senders()
			.stream()
			.map((sender) -> SenderEntry.newBuilder()
				.setNumber(sender.number())
				.setKind(sender.kind().published())
				.setSegmentsPerSecond(sender.segmentsPerSecond())
				.build())
			.toList();
		return AccountState.newBuilder()
			.setAccountId(account.id())
			.setName(account.name())
			.setStatus(AccountStatus.valueOf(account.status()))
			.setApiKeys(keys)
			.setSenders(senders)
			.setDefaultSender(account.defaultSender())
			.setDailyLimit(account.dailyLimit())
			.setMonthlyLimit(account.monthlyLimit())
			.setTrial(account.trial())
			.setVerifiedNumbers(account.verifiedNumbers())
			.setHelpText(account.helpText())
			.setVersion(account.version())
			.setUpdatedAt(account.updatedAt())
			.build();
	}

}
