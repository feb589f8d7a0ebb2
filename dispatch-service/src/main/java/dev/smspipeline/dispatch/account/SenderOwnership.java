package dev.smspipeline.dispatch.account;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.smspipeline.events.AccountState;
import dev.smspipeline.events.AccountStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.account.SenderNumbers;

/**
 * Whether a text may go out from the number it names, decided again in dispatch before
 * the carrier call: campaign-service refuses a foreign sender when the text is requested,
 * but anyone who may write {@code sms.message-requested} could name any number.
 *
 * <p>
 * A text may go out when its account is active and its From number, in the canonical form
 * ({@link SenderNumbers}: E.164, or a short code's digits), is one of the account's
 * senders on {@code sms.accounts}, or is a shared number ({@code sms.senders.shared})
 * that no account owns. A text that names no sender goes from its account's default
 * sender. The answer is the canonical From number, which is what the carrier gets.
 * Everything else is refused, with the reason code of its REJECTED status:
 * <ul>
 * <li>{@value #ACCOUNT_SUSPENDED}: the account's state on {@code sms.accounts} is not
 * ACTIVE (suspended, or a status this build does not know);</li>
 * <li>{@value #SENDER_NOT_OWNED}: the number is another account's, nobody's and not
 * shared, no number at all, or the text names none and its account has no default.</li>
 * </ul>
 * An account {@code sms.accounts} has no state for owns no number: its texts may go out
 * from shared numbers only. Reads the directory without locking, once per text; the
 * caller must not ask before the directory is loaded (the intake starts only then).
 */
@Component
public class SenderOwnership {

	/** Reason code of a text whose From number its account does not own. */
	public static final String SENDER_NOT_OWNED = "SENDER_NOT_OWNED";

	/** Reason code of a text whose account is suspended. */
	public static final String ACCOUNT_SUSPENDED = "ACCOUNT_SUSPENDED";

	private final AccountDirectory accounts;

	private final SenderNumbers numbers;

	private final Set<String> shared;

	/**
	 * @param accounts the accounts read from {@code sms.accounts}
	 * @param settings the shared numbers and the region of national numbers
	 * @throws IllegalArgumentException when a shared number is no sender number
	 */
	public SenderOwnership(AccountDirectory accounts, SenderSettings settings) {
		this.accounts = accounts;
		this.numbers = new SenderNumbers(settings.defaultRegion());
		this.shared = settings.shared().stream().map(this::sharedNumber).collect(Collectors.toUnmodifiableSet());
	}

	private String sharedNumber(String raw) {
		return this.numbers.anyKind(raw)
			.orElseThrow(() -> new IllegalArgumentException(
					"sms.senders.shared: '" + raw + "' is neither a phone number nor a short code"));
	}

	/**
	 * Decides whether a text may go out from the number it names.
	 * @param request the text
	 * @return its canonical From number, or why it may not go out
	 */
	public Verdict check(MessageRequested request) {
		AccountId account;
		try {
			account = new AccountId(request.getAccountId());
		}
		catch (IllegalArgumentException ex) {
			return new Verdict.Refused(SENDER_NOT_OWNED, "no account can have the id " + request.getAccountId());
		}
		Optional<AccountState> state = this.accounts.state(account);
		if (state.isPresent() && state.get().getStatus() != AccountStatus.ACTIVE) {
			return new Verdict.Refused(ACCOUNT_SUSPENDED, "account " + account + " is " + state.get().getStatus());
		}
		String named = request.getSender();
		if (named == null || named.isBlank()) {
			named = state.map(AccountState::getDefaultSender).orElse(null);
			if (named == null || named.isBlank()) {
				return new Verdict.Refused(SENDER_NOT_OWNED,
						"the text names no sender and account " + account + " has no default sender");
			}
		}
		Optional<String> from = this.numbers.anyKind(named);
		if (from.isEmpty()) {
			return new Verdict.Refused(SENDER_NOT_OWNED, "'" + named + "' is no sender number");
		}
		Optional<AccountId> owner = this.accounts.ownerOf(from.get());
		if (owner.isPresent()) {
			return owner.get().equals(account) ? new Verdict.Allowed(from.get())
					: new Verdict.Refused(SENDER_NOT_OWNED, from.get() + " belongs to another account than " + account);
		}
		return this.shared.contains(from.get()) ? new Verdict.Allowed(from.get()) : new Verdict.Refused(
				SENDER_NOT_OWNED, from.get() + " is neither a sender of " + account + " nor shared");
	}

	/** Whether a text may go out, and from which number. */
	public sealed interface Verdict {

		/**
		 * It may.
		 *
		 * @param from the From number, canonical
		 */
		record Allowed(String from) implements Verdict {
		}

		/**
		 * It may not.
		 *
		 * @param reasonCode the reason code of its REJECTED status
		 * @param why what was wrong, for the log
		 */
		record Refused(String reasonCode, String why) implements Verdict {
		}

	}

}
