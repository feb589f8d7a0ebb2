package dev.smspipeline.campaign.message;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.smspipeline.events.AccountState;
import dev.smspipeline.events.SenderEntry;
import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.account.SenderNumbers;

/**
 * Which number a text goes from. A text may name only a sender its account owns (the
 * account's senders as published on {@code sms.accounts}, compared in their canonical
 * form); a text that names none goes from the account's default sender, or, for an
 * account with none, from {@code sms.messages.default-sender}.
 */
@Component
public class Senders {

	/** The reason a sender of another account, or of nobody, is refused. */
	public static final String NOT_OWNED = "is not one of this account's sender numbers";

	private final AccountDirectory accounts;

	private final SenderNumbers numbers;

	private final MessageSettings settings;

	Senders(AccountDirectory accounts, SenderNumbers numbers, MessageSettings settings) {
		this.accounts = accounts;
		this.numbers = numbers;
		this.settings = settings;
	}

	/**
	 * The named sender in its canonical form, if the account owns it.
	 * @param account the account
	 * @param sender the number as the request wrote it
	 * @return the canonical number, or empty when the account does not own it
	 */
	public Optional<String> owned(AccountId account, String sender) {
		Optional<String> canonical = this.numbers.anyKind(sender);
		Optional<AccountState> state = this.accounts.state(account);
		if (canonical.isEmpty() || state.isEmpty()) {
			return Optional.empty();
		}
		return state.get()
			.getSenders()
			.stream()
			.map(SenderEntry::getNumber)
			.filter(canonical.get()::equals)
			.findFirst();
	}

	/**
	 * The sender of a text: the one it names (checked when it was requested), else the
	 * account's default, else the service's.
	 * @param account the account's id
	 * @param sender the sender the text names, or {@code null}
	 * @return the From number
	 */
	public String senderFor(String account, String sender) {
		if (sender != null && !sender.isBlank()) {
			return sender;
		}
		return this.accounts.state(new AccountId(account))
			.map(AccountState::getDefaultSender)
			.filter((number) -> number != null && !number.isBlank())
			.orElse(this.settings.defaultSender());
	}

}
