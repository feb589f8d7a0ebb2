package dev.smspipeline.status.inbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code inbound_reply} table: each consent reply once per carrier
 * {@code MessageSid}, and whether it has been applied.
 */
@Repository
class InboundReplies {

	private final JdbcClient jdbc;

	InboundReplies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a reply the first time its {@code MessageSid} arrives.
	 * @return false for a replay (the sid is known): nothing is to be done
	 */
	boolean record(Reply reply) {
		return this.jdbc.sql("""
				INSERT INTO inbound_reply (message_sid, lead, sender, keyword, received_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (message_sid) DO NOTHING
				""")
			.params(reply.messageSid(), reply.lead(), reply.sender(), reply.keyword().word(),
					Timestamp.from(reply.receivedAt()))
			.update() == 1;
	}

	void applied(String messageSid, Instant now) {
		this.jdbc.sql("UPDATE inbound_reply SET applied_at = ? WHERE message_sid = ?")
			.params(Timestamp.from(now), messageSid)
			.update();
	}

	/** How many replies are not applied yet, and when the oldest of them came. */
	Pending pendingSummary() {
		return this.jdbc.sql("SELECT count(*), min(received_at) FROM inbound_reply WHERE applied_at IS NULL")
			.query((row, n) -> new Pending(row.getLong(1),
					(row.getTimestamp(2) != null) ? row.getTimestamp(2).toInstant() : null))
			.single();
	}

	/**
	 * Replies not applied yet.
	 *
	 * @param count how many
	 * @param oldest when the oldest came, or {@code null} when there is none
	 */
	record Pending(long count, Instant oldest) {
	}

	/** Replies received before {@code before} and not applied yet, oldest first. */
	List<Reply> pending(int limit, Instant before) {
		return this.jdbc.sql("""
				SELECT message_sid, lead, sender, keyword, received_at FROM inbound_reply
				WHERE applied_at IS NULL AND received_at < ? ORDER BY received_at LIMIT ?
				""")
			.params(Timestamp.from(before), limit)
			.query((row, n) -> new Reply(row.getString(1), row.getString(2), row.getString(3),
					InboundKeyword.parse(row.getString(4)).orElseThrow(), row.getTimestamp(5).toInstant()))
			.list();
	}

	/**
	 * One STOP or START reply.
	 *
	 * @param messageSid the carrier's id of the reply
	 * @param lead who replied (E.164)
	 * @param sender our number the reply went to
	 * @param keyword what it asks for
	 * @param receivedAt when it first arrived
	 */
	record Reply(String messageSid, String lead, String sender, InboundKeyword keyword, Instant receivedAt) {
	}

}
