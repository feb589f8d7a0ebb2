package dev.smspipeline.status.inbound;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.smspipeline.events.AccountState;
import dev.smspipeline.platform.account.AccountDirectory;

/**
 * What a lead's HELP or INFO is answered with: the help text of the account that owns the
 * number the lead wrote to ({@code sms.accounts}, the number in its canonical form as the
 * carrier's {@code To}), else the service-wide {@code sms.inbound.help-text}: for a
 * number no account owns, or whose owner has no help text of its own. A change of an
 * account's help text applies from the next HELP after its state is read, with no
 * restart.
 */
@Component
class HelpAnswers {

	private final AccountDirectory accounts;

	private final InboundSettings settings;

	HelpAnswers(AccountDirectory accounts, InboundSettings settings) {
		this.accounts = accounts;
		this.settings = settings;
	}

	/**
	 * The help text for a HELP sent to {@code sender}.
	 * @param sender the number the lead wrote to (the webhook's {@code To}), or
	 * {@code null}
	 * @return the text; empty to answer nothing
	 */
	String helpText(String sender) {
		return this.accounts.ownerOf(sender)
			.flatMap(this.accounts::state)
			.map(AccountState::getHelpText)
			.filter((text) -> !text.isBlank())
			.map(String::strip)
			.or(() -> Optional.of(this.settings.helpText()))
			.get();
	}

}
