package dev.smspipeline.dispatch.submission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.smspipeline.events.MessageStatus;

/**
 * The {@code submission} table: one row per text dispatch decided, keyed by message id.
 * Each statement commits on its own; the row is written before the status records, so a
 * crash in between leaves a row whose status a redelivery republishes.
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

}
