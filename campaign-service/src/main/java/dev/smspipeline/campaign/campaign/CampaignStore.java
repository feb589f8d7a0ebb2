package dev.smspipeline.campaign.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import dev.smspipeline.campaign.schedule.QuietHours;
import dev.smspipeline.events.CampaignStatus;

/**
 * The {@code campaign} table. Reads are scoped by account where a caller names the
 * campaign; the {@code lock…} methods take the row lock the lifecycle rules rely on and
 * must run inside a transaction.
 */
@Repository
public class CampaignStore {

	static final String COLUMNS = """
			id, account_id, name, body, sender, send_at, send_at_local_time, quiet_hours_enabled,
			quiet_hours_start, quiet_hours_end, validity_seconds, smart_sending_seconds, segments, status,
			failure_reason, version, audience_size, duplicates, start_at, processed_key,
			final_counts::text AS final_counts, created_at, updated_at, activated_at, processing_at,
			sending_at, sent_at, done_at, canceled_at, failed_at""";

	private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final RowMapper<Campaign> mapper = this::campaign;

	CampaignStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The campaign of {@code account} with this id, if any. */
	public Optional<Campaign> find(String account, UUID id) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM campaign WHERE id = ? AND account_id = ?", this.mapper, id, account)
			.stream()
			.findFirst();
	}

	/**
	 * The campaign, locked {@code FOR UPDATE}: no text of it is released and no other
	 * transition happens until the caller's transaction ends.
	 */
	public Optional<Campaign> lock(String account, UUID id) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM campaign WHERE id = ? AND account_id = ? FOR UPDATE", this.mapper, id,
					account)
			.stream()
			.findFirst();
	}

	/**
	 * The campaign, locked {@code FOR NO KEY UPDATE}: other transitions wait, releases of
	 * its texts go on.
	 */
	public Optional<Campaign> lockShared(UUID id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM campaign WHERE id = ? FOR NO KEY UPDATE", this.mapper, id)
			.stream()
			.findFirst();
	}

	/**
	 * Up to 20 SCHEDULED campaigns whose start time came, earliest first, locked
	 * {@code FOR UPDATE SKIP LOCKED}.
	 */
	public List<Campaign> claimDueToStart(Instant now) {
		return select("status = 'SCHEDULED' AND start_at <= ? ORDER BY start_at LIMIT 20 FOR UPDATE SKIP LOCKED",
				timestamp(now));
	}

	/**
	 * The PROCESSING campaign that waited longest, locked {@code FOR NO KEY UPDATE SKIP
	 * LOCKED}: another instance processes another one meanwhile.
	 */
	public Optional<Campaign> claimProcessing() {
		return select("status = 'PROCESSING' ORDER BY updated_at LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED").stream()
			.findFirst();
	}

	/** Records how far processing got through the campaign's audience. */
	public void processedUpTo(UUID id, String processedKey, Instant now) {
		this.jdbc.update("UPDATE campaign SET processed_key = ?, updated_at = ? WHERE id = ?", processedKey,
				timestamp(now), id);
	}

	/**
	 * The canceled campaign with held texts still to cancel, canceled first, locked
	 * {@code FOR NO KEY UPDATE SKIP LOCKED}.
	 */
	public Optional<Campaign> claimCancelPending() {
		return select("cancel_pending ORDER BY canceled_at LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED").stream().findFirst();
	}

	/** Records that a canceled campaign has no held text left. */
	public void canceledAllHeld(UUID id) {
		this.jdbc.update("UPDATE campaign SET cancel_pending = false WHERE id = ?", id);
	}

	/**
	 * The account's campaigns with {@code phoneKey} in their audience, locked
	 * {@code FOR NO KEY UPDATE} in id order.
	 */
	public List<Campaign> lockWithMember(String account, String phoneKey) {
		return select("""
				account_id = ? AND id IN (SELECT campaign_id FROM audience_member WHERE phone_key = ?)
				ORDER BY id FOR NO KEY UPDATE""", account, phoneKey);
	}

	/** The account's campaign, locked {@code FOR NO KEY UPDATE}. */
	public Optional<Campaign> lockShared(String account, UUID id) {
		return select("account_id = ? AND id = ? FOR NO KEY UPDATE", account, id).stream().findFirst();
	}

	/**
	 * Campaigns matching {@code whereAndLock} (SQL after {@code WHERE}); for this
	 * package's repositories only.
	 */
	List<Campaign> select(String whereAndLock, Object... args) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM campaign WHERE " + whereAndLock, this.mapper, args);
	}

	void insert(UUID id, String account, Campaign.Definition definition, Instant now) {
		this.jdbc.update("""
				INSERT INTO campaign (id, account_id, name, body, sender, send_at, send_at_local_time,
				    quiet_hours_enabled, quiet_hours_start, quiet_hours_end, validity_seconds, smart_sending_seconds,
				    segments, status, version, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', 1, ?, ?)
				""", id, account, definition.name(), definition.body(), definition.sender(),
				timestamp(definition.sendAt()), definition.sendAtLocalTime(), definition.quietHours().enabled(),
				definition.quietHours().start(), definition.quietHours().end(), definition.validity().toSeconds(),
				seconds(definition.smartSendingWindow()), definition.segments(), timestamp(now), timestamp(now));
	}

	void update(UUID id, Campaign.Definition definition, Instant now) {
		this.jdbc.update("""
				UPDATE campaign SET name = ?, body = ?, sender = ?, send_at = ?, send_at_local_time = ?,
				    quiet_hours_enabled = ?, quiet_hours_start = ?, quiet_hours_end = ?, validity_seconds = ?,
				    smart_sending_seconds = ?, segments = ?, updated_at = ?
				WHERE id = ?
				""", definition.name(), definition.body(), definition.sender(), timestamp(definition.sendAt()),
				definition.sendAtLocalTime(), definition.quietHours().enabled(), definition.quietHours().start(),
				definition.quietHours().end(), definition.validity().toSeconds(),
				seconds(definition.smartSendingWindow()), definition.segments(), timestamp(now), id);
	}

	/** A page of the account's campaigns, newest first, after the keyset position. */
	List<Campaign> page(String account, CampaignStatus status, Instant afterCreatedAt, UUID afterId, int limit) {
		List<Object> args = new ArrayList<>();
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM campaign WHERE account_id = ?");
		args.add(account);
		if (status != null) {
			sql.append(" AND status = ?");
			args.add(status.name());
		}
		if (afterCreatedAt != null) {
			sql.append(" AND (created_at, id) < (?, ?)");
			args.add(timestamp(afterCreatedAt));
			args.add(afterId);
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
		args.add(limit);
		return this.jdbc.query(sql.toString(), this.mapper, args.toArray());
	}

	/** Keeps what status-service counted when it completed the campaign. */
	public void saveFinalCounts(UUID id, Map<String, Long> counts) {
		this.jdbc.update("UPDATE campaign SET final_counts = ?::jsonb WHERE id = ?",
				this.json.writeValueAsString(counts), id);
	}

	private Campaign campaign(ResultSet row, int rowNumber) throws SQLException {
		String finalCounts = row.getString("final_counts");
		Long smart = (Long) row.getObject("smart_sending_seconds");
		Campaign.Definition definition = new Campaign.Definition(row.getString("name"), row.getString("body"),
				row.getString("sender"), instant(row, "send_at"), row.getObject("send_at_local_time", LocalTime.class),
				new QuietHours(row.getBoolean("quiet_hours_enabled"),
						row.getObject("quiet_hours_start", LocalTime.class),
						row.getObject("quiet_hours_end", LocalTime.class)),
				Duration.ofSeconds(row.getLong("validity_seconds")), (smart != null) ? Duration.ofSeconds(smart) : null,
				row.getInt("segments"));
		Campaign.Timeline timeline = new Campaign.Timeline(instant(row, "created_at"), instant(row, "updated_at"),
				instant(row, "activated_at"), instant(row, "processing_at"), instant(row, "sending_at"),
				instant(row, "sent_at"), instant(row, "done_at"), instant(row, "canceled_at"),
				instant(row, "failed_at"));
		return new Campaign(row.getObject("id", UUID.class), row.getString("account_id"), definition,
				CampaignStatus.valueOf(row.getString("status")), row.getString("failure_reason"), row.getInt("version"),
				row.getLong("audience_size"), row.getLong("duplicates"), instant(row, "start_at"),
				row.getString("processed_key"), (finalCounts != null) ? this.json.readValue(finalCounts, COUNTS) : null,
				timeline);
	}

	/** A timestamp column as an instant, or {@code null}. */
	public static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/** An instant as a timestamptz parameter, or {@code null}. */
	public static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	private static Long seconds(Duration duration) {
		return (duration != null) ? duration.toSeconds() : null;
	}

}
