package dev.smspipeline.campaign.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.smspipeline.events.RequestSource;
import dev.smspipeline.events.TrafficClass;

/**
 * One-off texts held here until they may go out ({@code held_one_off}): a {@code sendAt}
 * ahead, or the recipient's quiet hours. Every method runs in the caller's transaction: a
 * text is held in the request's transaction, and released (deleted) in the one that
 * writes its records to the outbox.
 */
@Repository
class HeldOneOffs {

	private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private static final String COLUMNS = """
			message_id, account_id, campaign_id, recipient, sender, body, segments, idempotency_key, source,
			priority, attributes::text, respect_quiet_hours, time_zones, requested_at, release_at, expires_at""";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	HeldOneOffs(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Holds a text until its release time.
	 * @param text the text
	 */
	void hold(Held text) {
		requireTransaction();
		this.jdbc.update("INSERT INTO held_one_off (" + COLUMNS.replace("::text", "") + """
				) VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
				""", text.messageId(), text.accountId(), text.campaignId(), text.recipient(), text.sender(),
				text.body(), text.segments(), text.idempotencyKey(), text.source().name(), text.priority().name(),
				this.json.writeValueAsString(text.attributes()), text.respectQuietHours(),
				text.zones().isEmpty() ? null
						: text.zones().stream().map(ZoneId::getId).collect(Collectors.joining(",")),
				timestamp(text.requestedAt()), timestamp(text.releaseAt()), timestamp(text.expiresAt()));
	}

	/**
	 * Locks the earliest texts due at {@code now} that no other transaction has locked,
	 * until the caller's transaction ends: several instances claim disjoint texts.
	 * @param now the time
	 * @param limit most texts
	 * @return the texts, earliest first
	 */
	List<Held> claimDue(Instant now, int limit) {
		requireTransaction();
		return this.jdbc.query("SELECT " + COLUMNS + """
				 FROM held_one_off WHERE release_at <= ?
				ORDER BY release_at LIMIT ? FOR UPDATE SKIP LOCKED
				""", this::read, timestamp(now), limit);
	}

	/**
	 * Removes texts that were released or ended.
	 * @param messageIds the texts
	 */
	void remove(Collection<String> messageIds) {
		if (!messageIds.isEmpty()) {
			this.jdbc.update("DELETE FROM held_one_off WHERE message_id = ANY (?::uuid[])",
					(Object) messageIds.toArray(String[]::new));
		}
	}

	/**
	 * Holds a claimed text longer.
	 * @param messageId the text
	 * @param releaseAt its new release time
	 */
	void postpone(String messageId, Instant releaseAt) {
		this.jdbc.update("UPDATE held_one_off SET release_at = ? WHERE message_id = ?::uuid", timestamp(releaseAt),
				messageId);
	}

	private Held read(ResultSet row, int n) throws SQLException {
		String zones = row.getString(13);
		return new Held(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
				row.getString(6), row.getInt(7), row.getString(8), RequestSource.valueOf(row.getString(9)),
				TrafficClass.valueOf(row.getString(10)), this.json.readValue(row.getString(11), ATTRIBUTES),
				row.getBoolean(12),
				(zones != null) ? Arrays.stream(zones.split(",")).map(ZoneId::of).toList() : List.of(),
				instant(row, 14), instant(row, 15), instant(row, 16));
	}

	private static Instant instant(ResultSet row, int column) throws SQLException {
		return row.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Held one-offs are written in the transaction of their records");
		}
	}

	/**
	 * A held one-off text.
	 *
	 * @param messageId its id, as answered to the request
	 * @param accountId its account
	 * @param campaignId the campaign it counts under, or {@code null}
	 * @param recipient E.164
	 * @param sender From number
	 * @param body the text
	 * @param segments SMS segments of {@code body}
	 * @param idempotencyKey the request's key (CRM {@code eventId}), or {@code null}
	 * @param source REST_API or CRM_TOPIC
	 * @param priority its traffic class, kept for release
	 * @param attributes free-form, passed on to dispatch
	 * @param respectQuietHours whether it is held through the recipient's quiet hours
	 * @param zones the recipient's zones when it respects quiet hours, else empty
	 * @param requestedAt when it was recorded
	 * @param releaseAt when it may go out
	 * @param expiresAt when its validity ends
	 */
	record Held(String messageId, String accountId, String campaignId, String recipient, String sender, String body,
			int segments, String idempotencyKey, RequestSource source, TrafficClass priority,
			Map<String, String> attributes, boolean respectQuietHours, List<ZoneId> zones, Instant requestedAt,
			Instant releaseAt, Instant expiresAt) {
	}

}
