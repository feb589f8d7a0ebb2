package dev.smspipeline.campaign.consent;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.schemas.OptOutKey;

/**
 * The suppression list ({@code opt_out}): which recipients opted out of which account's
 * texts. Written by the {@code sms.opt-outs} listener and the opt-out API, read wherever
 * a text is decided: one-off requests, campaign processing, campaign release. Reads run
 * in the caller's transaction when there is one.
 */
@Repository
public class OptOuts {

	private static final String APPLY_LOCAL = """
			INSERT INTO opt_out (account_id, recipient, opted_out, source, keyword, event_id, changed_at, updated_at,
			    pending_event_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (account_id, recipient) DO UPDATE SET opted_out = EXCLUDED.opted_out,
			    source = EXCLUDED.source, keyword = EXCLUDED.keyword, event_id = EXCLUDED.event_id,
			    changed_at = EXCLUDED.changed_at, updated_at = EXCLUDED.updated_at,
			    pending_event_id = EXCLUDED.pending_event_id
			""";

	private static final String APPLY_FROM_TOPIC = """
			INSERT INTO opt_out (account_id, recipient, opted_out, source, keyword, event_id, changed_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (account_id, recipient) DO UPDATE SET opted_out = EXCLUDED.opted_out,
			    source = EXCLUDED.source, keyword = EXCLUDED.keyword, event_id = EXCLUDED.event_id,
			    changed_at = EXCLUDED.changed_at, updated_at = EXCLUDED.updated_at,
			    pending_event_id = CASE WHEN opt_out.pending_event_id = EXCLUDED.event_id THEN NULL
			        ELSE opt_out.pending_event_id END
			WHERE opt_out.pending_event_id IS NULL OR opt_out.pending_event_id = EXCLUDED.event_id
			    OR EXCLUDED.source <> 'API'
			""";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	OptOuts(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The recipient's opt-out, if they opted out of the account's texts.
	 * @param accountId the account
	 * @param e164 the number
	 * @return the opt-out, or empty when texts may go
	 */
	public Optional<OptOut> find(String accountId, String e164) {
		return this.jdbc.query("""
				SELECT recipient, opted_out, source, keyword, changed_at FROM opt_out
				WHERE account_id = ? AND recipient = ? AND opted_out
				""", (row, n) -> optOut(row), accountId, e164).stream().findFirst();
	}

	/**
	 * Which of these texts go to a recipient who opted out of the text's account, one
	 * query per account.
	 * @param texts the texts, of any accounts
	 * @param accountOf a text's account
	 * @param recipientOf a text's recipient, E.164
	 * @param <T> the texts' type
	 * @return the opted-out (account, recipient) pairs as {@link OptOutKey}s
	 */
	public <T> Set<String> optedOutKeys(Collection<T> texts, Function<T, String> accountOf,
			Function<T, String> recipientOf) {
		Map<String, Set<String>> byAccount = new HashMap<>();
		texts.forEach((text) -> byAccount.computeIfAbsent(accountOf.apply(text), (account) -> new HashSet<>())
			.add(recipientOf.apply(text)));
		Set<String> keys = new HashSet<>();
		byAccount.forEach((account, recipients) -> optedOut(account, recipients)
			.forEach((recipient) -> keys.add(OptOutKey.of(account, recipient))));
		return keys;
	}

	/**
	 * Why a due text may not be released, from the keys {@link #optedOutKeys} found for
	 * its batch.
	 * @param optedOutKeys the batch's opted-out (account, recipient) pairs
	 * @param accountId the text's account
	 * @param recipient the text's recipient, E.164
	 * @return the reason, or empty when the recipient did not opt out
	 */
	public static Optional<String> refusalAtRelease(Set<String> optedOutKeys, String accountId, String recipient) {
		return optedOutKeys.contains(OptOutKey.of(accountId, recipient))
				? Optional.of(recipient + " opted out of this account's texts before the text was released")
				: Optional.empty();
	}

	/**
	 * Which of these recipients opted out of the account's texts.
	 * @param accountId the account
	 * @param recipients E.164 numbers
	 * @return the opted-out ones among them
	 */
	public Set<String> optedOut(String accountId, Collection<String> recipients) {
		Set<String> found = new HashSet<>();
		if (recipients.isEmpty()) {
			return found;
		}
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (PreparedStatement query = connection.prepareStatement(
					"SELECT recipient FROM opt_out WHERE account_id = ? AND recipient = ANY (?) AND opted_out")) {
				query.setString(1, accountId);
				query.setArray(2, connection.createArrayOf("text", recipients.toArray()));
				try (ResultSet rows = query.executeQuery()) {
					while (rows.next()) {
						found.add(rows.getString(1));
					}
				}
			}
			return null;
		});
		return found;
	}

	/**
	 * Applies a change read from {@code sms.opt-outs}: the topic's order per key is the
	 * truth, so the last change read wins. Timestamps are not compared (they come from
	 * different services' clocks, and a STOP stamped a moment "before" the opt-in it
	 * followed must still win). One exception keeps the API's read-your-writes: while an
	 * API change made here ({@link #applyLocal}) has not been read back, older API
	 * changes read back are skipped (this service publishes one number's API changes in
	 * the order it applied them, so the pending one comes later and would undo them
	 * anyway). Changes of an action this build does not know are ignored.
	 * @param change the change
	 * @return whether the list changed
	 */
	public boolean apply(OptOutChange change) {
		if (!known(change)) {
			return false;
		}
		return this.jdbc.update(APPLY_FROM_TOPIC, change.getAccountId(), change.getRecipient(),
				change.getAction() == OptOutAction.OPT_OUT, change.getSource().name(), change.getKeyword(),
				change.getEventId(), timestamp(change.getOccurredAt()), timestamp(this.clock.instant())) > 0;
	}

	/**
	 * Applies a change made through this service's API, before it is published (in the
	 * same transaction as its outbox record). Concurrent changes of one number are
	 * serialized by its row, so their records reach the topic in the order they were
	 * applied.
	 * @param change the change, source API
	 */
	void applyLocal(OptOutChange change) {
		this.jdbc.update(APPLY_LOCAL, change.getAccountId(), change.getRecipient(),
				change.getAction() == OptOutAction.OPT_OUT, change.getSource().name(), change.getKeyword(),
				change.getEventId(), timestamp(change.getOccurredAt()), timestamp(this.clock.instant()),
				change.getEventId());
	}

	/**
	 * Forgets a recipient (a tombstone on the topic): they are not opted out. Skipped
	 * while an API change of theirs is pending (it comes later on the topic).
	 * @param accountId the account
	 * @param e164 the number
	 * @return whether a row was removed
	 */
	public boolean remove(String accountId, String e164) {
		return this.jdbc.update(
				"DELETE FROM opt_out WHERE account_id = ? AND recipient = ? AND pending_event_id IS NULL", accountId,
				e164) > 0;
	}

	private static boolean known(OptOutChange change) {
		return change.getAction() == OptOutAction.OPT_OUT || change.getAction() == OptOutAction.OPT_IN;
	}

	private static OptOut optOut(ResultSet row) throws SQLException {
		return new OptOut(row.getString(1), row.getBoolean(2), row.getString(3), row.getString(4),
				row.getObject(5, OffsetDateTime.class).toInstant());
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
