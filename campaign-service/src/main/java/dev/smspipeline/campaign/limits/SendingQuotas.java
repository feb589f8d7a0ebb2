package dev.smspipeline.campaign.limits;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smspipeline.events.AccountState;
import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.platform.account.AccountId;

/**
 * Counts the segments each account sends against its daily and monthly limits (from its
 * state on {@code sms.accounts}; UTC days and calendar months) in {@code sending_usage}.
 * <ul>
 * <li><b>When a text counts:</b> when it is admitted to be sent (a one-off when it is
 * accepted, a campaign text when processing creates it), with the segments of its
 * rendered body, as carriers count them. It is not given back when the text later ends
 * without reaching the carrier (canceled, expired, refused by dispatch).</li>
 * <li><b>Consistency:</b> {@link #lock} locks the account's two usage rows until the
 * caller's transaction ends, so concurrent requests of one account on any number of
 * instances cannot both take the last segments; the count commits or rolls back with the
 * text it counts.</li>
 * <li><b>Cost:</b> an account with no limit is never looked up in the database.</li>
 * </ul>
 */
@Component
public class SendingQuotas {

	private final JdbcTemplate jdbc;

	private final AccountDirectory accounts;

	SendingQuotas(JdbcTemplate jdbc, AccountDirectory accounts) {
		this.jdbc = jdbc;
		this.accounts = accounts;
	}

	/**
	 * Adds {@code segments} to the account's usage if they fit its limits; must run in a
	 * transaction.
	 * @param account the account's id
	 * @param segments the segments of the text
	 * @param now the current time
	 * @return the refusal when they do not fit (nothing is counted then), else empty
	 */
	public Optional<Quota.Refusal> reserve(String account, long segments, Instant now) {
		Optional<Quota> quota = lock(account, now);
		if (quota.isEmpty()) {
			return Optional.empty();
		}
		Optional<Quota.Refusal> refusal = quota.get().refusal(segments);
		if (refusal.isEmpty()) {
			use(account, segments, now);
		}
		return refusal;
	}

	/**
	 * The account's quota with its usage rows locked until the transaction ends; must run
	 * in a transaction.
	 * @param account the account's id
	 * @param now the current time
	 * @return the quota, or empty when the account has no limit
	 */
	public Optional<Quota> lock(String account, Instant now) {
		return read(account, now, true);
	}

	/**
	 * The account's quota as last committed, without locking (an estimate's check).
	 * @param account the account's id
	 * @param now the current time
	 * @return the quota, or empty when the account has no limit
	 */
	public Optional<Quota> peek(String account, Instant now) {
		return read(account, now, false);
	}

	/**
	 * Counts {@code segments} more for the account today and this month; for a caller
	 * that {@link #lock locked} the quota and checked them against it.
	 * @param account the account's id
	 * @param segments the segments to count
	 * @param now the current time
	 */
	public void use(String account, long segments, Instant now) {
		if (segments <= 0) {
			return;
		}
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		this.jdbc.update("""
				UPDATE sending_usage SET segments = segments + ?
				WHERE account_id = ? AND ((period = 'D' AND period_start = ?) OR (period = 'M' AND period_start = ?))
				""", segments, account, Date.valueOf(today), Date.valueOf(today.withDayOfMonth(1)));
	}

	private Optional<Quota> read(String account, Instant now, boolean locked) {
		Optional<AccountState> state = this.accounts.state(new AccountId(account));
		Long daily = state.map(AccountState::getDailyLimit).orElse(null);
		Long monthly = state.map(AccountState::getMonthlyLimit).orElse(null);
		if (daily == null && monthly == null) {
			return Optional.empty();
		}
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		Date day = Date.valueOf(today);
		Date month = Date.valueOf(today.withDayOfMonth(1));
		if (locked) {
			this.jdbc.update("""
					INSERT INTO sending_usage (account_id, period, period_start) VALUES (?, 'D', ?), (?, 'M', ?)
					ON CONFLICT DO NOTHING
					""", account, day, account, month);
		}
		long[] used = new long[2];
		this.jdbc.query("""
				SELECT period, segments FROM sending_usage
				WHERE account_id = ? AND ((period = 'D' AND period_start = ?) OR (period = 'M' AND period_start = ?))
				""" + (locked ? " FOR UPDATE" : ""), (row) -> {
			used[row.getString(1).equals("D") ? 0 : 1] = row.getLong(2);
		}, account, day, month);
		return Optional.of(new Quota(daily, monthly, used[0], used[1], now));
	}

}
