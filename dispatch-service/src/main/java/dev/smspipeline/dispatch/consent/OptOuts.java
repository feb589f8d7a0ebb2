package dev.smspipeline.dispatch.consent;

import java.sql.Timestamp;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.smspipeline.dispatch.submission.OptOutRecorder;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;

/**
 * The {@code opt_out} table: the latest opt-out state of each (account, recipient), as
 * the compacted {@code sms.opt-outs} topic says. The submission flow's precheck reads it
 * right before each carrier call. The submission flow records a carrier's 21610 here at
 * once too.
 */
@Component
class OptOuts implements OptOutRecorder {

	private final JdbcClient jdbc;

	OptOuts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Applies a change unless a later one is held already.
	 * @param change the change
	 * @return whether the row changed
	 */
	boolean apply(OptOutChange change) {
		if (change.getAction() != OptOutAction.OPT_OUT && change.getAction() != OptOutAction.OPT_IN) {
			return false;
		}
		return this.jdbc.sql("""
				INSERT INTO opt_out (account_id, recipient, opted_out, changed_at)
				VALUES (?, ?, ?, ?)
				ON CONFLICT (account_id, recipient) DO UPDATE
				SET opted_out = EXCLUDED.opted_out, changed_at = EXCLUDED.changed_at
				WHERE opt_out.changed_at <= EXCLUDED.changed_at""")
			.params(change.getAccountId(), change.getRecipient(), change.getAction() == OptOutAction.OPT_OUT,
					Timestamp.from(change.getOccurredAt()))
			.update() == 1;
	}

	@Override
	public void record(OptOutChange change) {
		apply(change);
	}

	/**
	 * Forgets a recipient (a tombstone on the compacted topic).
	 * @param accountId the account
	 * @param recipient the recipient
	 */
	void forget(String accountId, String recipient) {
		this.jdbc.sql("DELETE FROM opt_out WHERE account_id = ? AND recipient = ?")
			.params(accountId, recipient)
			.update();
	}

}
