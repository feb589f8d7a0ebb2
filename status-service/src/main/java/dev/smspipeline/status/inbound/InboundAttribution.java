package dev.smspipeline.status.inbound;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which accounts a lead's reply to one of our numbers belongs to: every account whose
 * texts went to the lead from that number (the status store's {@code message_status}),
 * or, when none did, the account configured for the number in
 * {@code sms.inbound.sender-accounts}.
 */
@Component
class InboundAttribution {

	private final JdbcClient jdbc;

	private final InboundSettings settings;

	InboundAttribution(JdbcClient jdbc, InboundSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/** The accounts, sorted; empty when the reply cannot be attributed. */
	List<String> accounts(String lead, String sender) {
		if (lead == null || lead.isBlank() || sender == null || sender.isBlank()) {
			return List.of();
		}
		List<String> texted = this.jdbc.sql(
				"SELECT DISTINCT account_id FROM message_status WHERE recipient = ? AND sender = ? ORDER BY account_id")
			.params(lead.strip(), sender.strip())
			.query(String.class)
			.list();
		if (!texted.isEmpty()) {
			return texted;
		}
		return this.settings.accountOfSender(sender).map(List::of).orElse(List.of());
	}

}
