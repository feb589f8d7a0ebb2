package dev.smspipeline.campaign.limits;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.smspipeline.campaign.admission.Admission;
import dev.smspipeline.events.AccountState;
import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.platform.account.AccountId;

/**
 * A trial account texts only its verified numbers (as Twilio's trial accounts and GOV.UK
 * Notify's trial services do): a text of a trial account to any other number is refused
 * with {@value #TRIAL_RECIPIENT}. Reads the account's state in memory; no I/O.
 */
@Component
public class TrialRecipients {

	/** Reason code of a trial account's text to a number it has not verified. */
	public static final String TRIAL_RECIPIENT = "TRIAL_RECIPIENT";

	private final AccountDirectory accounts;

	TrialRecipients(AccountDirectory accounts) {
		this.accounts = accounts;
	}

	/**
	 * Why the account may not text the number.
	 * @param account the account's id
	 * @param e164 the recipient in E.164
	 * @return the refusal, or empty when the account is not on trial or verified the
	 * number
	 */
	public Optional<Admission.Reject> refusal(String account, String e164) {
		AccountState state = this.accounts.state(new AccountId(account)).orElse(null);
		if (state == null || !state.getTrial() || e164 == null || state.getVerifiedNumbers().contains(e164)) {
			return Optional.empty();
		}
		return Optional.of(new Admission.Reject(TRIAL_RECIPIENT,
				"this account is on trial and texts only its verified numbers; the recipient is not one of them",
				null));
	}

}
