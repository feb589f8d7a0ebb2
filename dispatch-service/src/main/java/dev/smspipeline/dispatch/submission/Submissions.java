package dev.smspipeline.dispatch.submission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;

/**
 * The {@code submission} table: one row per text dispatch decided, keyed by message id.
 * Each statement commits on its own; the row is written before the status records, so a
 * crash in between leaves a row whose status a redelivery republishes.
 *
 * <p>
 * {@link #precheck} also reads the {@code opt_out} and {@code campaign_cancellation}
 * tables that the {@code consent} package fills: everything that decides a text without
 * the carrier, in one round trip right before the call.
 */
class Submissions {

	private final JdbcClient jdbc;

	Submissions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Submission> find(String messageId) {
		return this.jdbc.sql("""
				SELECT message_id, account_id, recipient, outcome, attempt, carrier_message_id, reason_code,
				       carrier_error_code, carrier_error_description, submitted_at
				FROM submission WHERE message_id = ?""").param(messageId).query(Submissions::map).optional();
	}

	/**
	 * What is known about a text before calling the carrier for it: an outcome decided
	 * earlier, a cancellation of its campaign or of its recipient in the campaign, an
	 * opt-out of its recipient from its account.
	 * @param request the text
	 * @return the facts
	 */
	Precheck precheck(MessageRequested request) {
		return this.jdbc.sql("""
				SELECT s.message_id, s.account_id, s.recipient, s.outcome, s.attempt, s.carrier_message_id,
				       s.reason_code, s.carrier_error_code, s.carrier_error_description, s.submitted_at,
				       (SELECT o.opted_out FROM opt_out o WHERE o.account_id = ? AND o.recipient = ?) AS opted_out,
				       (SELECT c.reason_code FROM campaign_cancellation c
				         WHERE c.campaign_id = ? AND c.recipient IN ('', ?)
				         ORDER BY c.recipient LIMIT 1) AS cancellation
				FROM (SELECT 1) AS one LEFT JOIN submission s ON s.message_id = ?""")
			.params(request.getAccountId(), request.getRecipient(), request.getCampaignId(), request.getRecipient(),
					request.getMessageId())
			.query((row, number) -> new Precheck((row.getString("message_id") != null) ? map(row, number) : null,
					row.getBoolean("opted_out"), row.getString("cancellation")))
			.single();
	}

	/**
	 * Records an outcome unless one is recorded for the message already.
	 * @param submission the outcome
	 * @return the outcome recorded for the message: {@code submission}, or the earlier
	 * one
	 */
	Submission record(Submission submission) {
		int inserted = this.jdbc.sql("""
				INSERT INTO submission (message_id, account_id, recipient, outcome, attempt, carrier_message_id,
				                        reason_code, carrier_error_code, carrier_error_description, submitted_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (message_id) DO NOTHING""")
			.params(submission.messageId(), submission.accountId(), submission.recipient(), submission.outcome().name(),
					submission.attempt(), submission.carrierMessageId(), submission.reasonCode(),
					submission.carrierErrorCode(), submission.carrierErrorDescription(),
					Timestamp.from(submission.decidedAt()))
			.update();
		return (inserted == 1) ? submission : find(submission.messageId()).orElse(submission);
	}

	private static Submission map(ResultSet row, int number) throws SQLException {
		return new Submission(row.getString("message_id"), row.getString("account_id"), row.getString("recipient"),
				MessageStatus.valueOf(row.getString("outcome")), row.getInt("attempt"),
				row.getString("carrier_message_id"), row.getString("reason_code"), row.getString("carrier_error_code"),
				row.getString("carrier_error_description"), row.getTimestamp("submitted_at").toInstant());
	}

	/**
	 * What {@link #precheck} found.
	 *
	 * @param earlier the outcome decided before, or {@code null}
	 * @param optedOut whether the recipient opted out of the account's texts
	 * @param cancellation the reason code of a cancellation that covers the text, or
	 * {@code null}
	 */
	record Precheck(Submission earlier, boolean optedOut, String cancellation) {

		static final Precheck NOTHING = new Precheck(null, false, null);

	}

}
