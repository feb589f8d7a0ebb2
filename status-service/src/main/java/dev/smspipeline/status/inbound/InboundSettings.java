package dev.smspipeline.status.inbound;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The carrier's inbound-message webhook ({@code sms.inbound.*}).
 *
 * @param helpText the answer to a HELP or INFO reply sent back as the TwiML
 * {@code <Message>} when the number the lead wrote to has no owner, or its owner no help
 * text of its own (an account's {@code helpText} in the admin API comes first); blank
 * answers nothing (an empty {@code <Response/>})
 * @param senderAccounts the account each of our sender numbers belongs to, keyed by the
 * number's E.164 without its {@code +}
 * ({@code sms.inbound.sender-accounts.14155550100=acme}): the fallback for a STOP or
 * START from a lead that no account texted from that number yet, as far as the status
 * store knows; empty by default
 */
@ConfigurationProperties("sms.inbound")
public record InboundSettings(
		@DefaultValue("Reply STOP to unsubscribe, START to subscribe again. Msg & data rates may apply.") String helpText,
		Map<String, String> senderAccounts) {

	public InboundSettings {
		helpText = (helpText != null) ? helpText.strip() : "";
		senderAccounts = (senderAccounts != null) ? Map.copyOf(senderAccounts) : Map.of();
	}

	/** The account configured for our sender number {@code sender} (E.164), if any. */
	Optional<String> accountOfSender(String sender) {
		if (sender == null) {
			return Optional.empty();
		}
		String digits = sender.strip();
		digits = digits.startsWith("+") ? digits.substring(1) : digits;
		String account = this.senderAccounts.get(digits);
		return (account != null && !account.isBlank()) ? Optional.of(account.strip()) : Optional.empty();
	}

}
