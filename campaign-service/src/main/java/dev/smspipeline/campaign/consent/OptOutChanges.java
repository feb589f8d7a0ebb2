package dev.smspipeline.campaign.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.outbox.Outbox;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.Problems;
import dev.smspipeline.schemas.OptOutKey;
import dev.smspipeline.schemas.Topics;

/**
 * Opt-outs and opt-ins made through the API. Each is applied to the suppression list and
 * written to the outbox as an {@code OptOutChange} (source API) in one database
 * transaction: this service refuses texts to the number from the moment the call returns,
 * and dispatch (and this service's own listener, which applies it again without effect)
 * learn it from {@code sms.opt-outs} once the relay publishes it.
 */
@Service
class OptOutChanges {

	private final OptOuts optOuts;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final Clock clock;

	OptOutChanges(OptOuts optOuts, Outbox outbox, TransactionTemplate transactions, Clock clock) {
		this.optOuts = optOuts;
		this.outbox = outbox;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The recipient opts out of the account's texts; returns the list's new entry. */
	OptOut optOut(AccountId account, String e164) {
		OptOutChange change = change(account, e164, OptOutAction.OPT_OUT);
		this.transactions.executeWithoutResult((status) -> record(change));
		return new OptOut(e164, true, OptOutSource.API.name(), null, change.getOccurredAt());
	}

	/**
	 * Lifts an opt-out the API set. One the lead sent (a STOP reply) or the carrier
	 * reported (21610) can only be lifted by the lead's own START, so it is refused with
	 * 409; a number that has not opted out is left as it is.
	 */
	void optIn(AccountId account, String e164) {
		this.optOuts.find(account.value(), e164).filter(OptOut::optedOut).ifPresent((current) -> {
			if (!OptOutSource.API.name().equals(current.source())) {
				throw Problems.conflict(
						e164 + " opted out itself (" + current.source() + "); only the lead's own START lifts it.");
			}
		});
		OptOutChange change = change(account, e164, OptOutAction.OPT_IN);
		this.transactions.executeWithoutResult((status) -> record(change));
	}

	private void record(OptOutChange change) {
		this.optOuts.applyLocal(change);
		this.outbox.add(Topics.OPT_OUTS, OptOutKey.of(change.getAccountId(), change.getRecipient()), change);
	}

	private OptOutChange change(AccountId account, String e164, OptOutAction action) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		return OptOutChange.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setAccountId(account.value())
			.setRecipient(e164)
			.setAction(action)
			.setSource(OptOutSource.API)
			.setOccurredAt(now)
			.build();
	}

}
