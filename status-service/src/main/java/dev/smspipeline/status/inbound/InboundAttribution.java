package dev.smspipeline.status.inbound;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.platform.account.AccountId;

/**
 * Which accounts a lead's STOP or START belongs to:
 * <ol>
 * <li>the account that owns the number the lead replied to ({@code sms.accounts}), and
 * only that one: a lead texted by two brands from their own numbers opts out of the one
 * it answered;</li>
 * <li>else the account configured for that number
 * ({@code sms.inbound.sender-accounts});</li>
 * <li>else, for a number no account owns (a shared sender), every account that texted the
 * lead from it, as far as the status store knows: an opt-out is honoured broadly, and the
 * lead's own START on that number lifts what its STOP on that number set;</li>
 * <li>else none yet: the reply is kept and attributed again later.</li>
 * </ol>
 */
@Component
class InboundAttribution {

	private final JdbcClient jdbc;

	private final InboundSettings settings;

	private final AccountDirectory accounts;

	InboundAttribution(JdbcClient jdbc, InboundSettings settings, AccountDirectory accounts) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.accounts = accounts;
	}

	/** The accounts, sorted; empty when the reply cannot be attributed now. */
	List<String> accounts(String lead, String sender) {
		if (lead == null || lead.isBlank() || sender == null || sender.isBlank()) {
			return List.of();
		}
		Optional<AccountId> owner = this.accounts.ownerOf(sender.strip());
		if (owner.isPresent()) {
			return List.of(owner.get().value());
		}
		Optional<String> configured = this.settings.accountOfSender(sender);
		if (configured.isPresent()) {
			return List.of(configured.get());
		}
		return this.jdbc.sql(
				"SELECT DISTINCT account_id FROM message_status WHERE recipient = ? AND sender = ? ORDER BY account_id")
			.params(lead.strip(), sender.strip())
			.query(String.class)
			.list();
	}

}
