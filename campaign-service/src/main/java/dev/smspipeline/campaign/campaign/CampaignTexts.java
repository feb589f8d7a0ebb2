package dev.smspipeline.campaign.campaign;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.smspipeline.campaign.admission.Admission;
import dev.smspipeline.campaign.schedule.QuietHours;

import static dev.smspipeline.campaign.campaign.CampaignStore.instant;
import static dev.smspipeline.campaign.campaign.CampaignStore.timestamp;

/**
 * The {@code campaign_message} table: one row per text of a campaign, with its
 * {@link MessageState}. The only class that reads or writes it. The {@code claim…} and
 * {@code lock…} methods take row locks and must run inside a transaction.
 */
@Repository
public class CampaignTexts {

	private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private static final String INSERT = """
			INSERT INTO campaign_message (id, campaign_id, account_id, recipient, state, reason_code, body, segments,
			    time_zones, attributes, created_at, release_at, expires_at)
			SELECT i::uuid, ?, ?, r, s, rc, b, sg, tz, a::jsonb, ?, ra::timestamptz, ea::timestamptz
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[],
			    ?::text[], ?::text[]) AS t (i, r, s, rc, b, sg, tz, a, ra, ea)
			ON CONFLICT (id) DO NOTHING
			RETURNING id
			""";

	private static final String CLAIM_DUE = """
			SELECT m.id, m.campaign_id, m.account_id, m.recipient, m.body, m.segments, m.time_zones,
			    m.attributes::text, m.release_at, m.expires_at, c.sender, c.quiet_hours_enabled,
			    c.quiet_hours_start, c.quiet_hours_end, c.smart_sending_seconds
			FROM campaign_message m JOIN campaign c ON c.id = m.campaign_id
			WHERE m.campaign_id = ? AND m.state = 'HELD' AND m.release_at <= ?
			    AND c.status IN ('PROCESSING', 'SENDING')
			ORDER BY m.release_at
			LIMIT ?
			FOR UPDATE OF m SKIP LOCKED
			FOR KEY SHARE OF c SKIP LOCKED
			""";

	private static final String DECIDE = """
			UPDATE campaign_message m SET state = t.s, reason_code = t.rc,
			    release_at = coalesce(t.ra::timestamptz, m.release_at),
			    released_at = CASE WHEN t.s = 'RELEASED' THEN ?::timestamptz ELSE m.released_at END
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS t (i, s, rc, ra)
			WHERE m.id = t.i::uuid
			""";

	private final JdbcTemplate jdbc;

	private final CampaignStore campaigns;

	private final JsonMapper json;

	CampaignTexts(JdbcTemplate jdbc, CampaignStore campaigns, JsonMapper json) {
		this.jdbc = jdbc;
		this.campaigns = campaigns;
		this.json = json;
	}

	/**
	 * The id of a campaign's text to a number: the same however often it is computed.
	 * @param campaignId the campaign
	 * @param phoneKey the E.164 number (or the number as given, when unreadable)
	 * @return the text's id
	 */
	public static UUID messageId(UUID campaignId, String phoneKey) {
		return UUID.nameUUIDFromBytes((campaignId + ":" + phoneKey).getBytes(StandardCharsets.UTF_8));
	}

	/** The campaign's texts by state. */
	public CampaignCounts counts(UUID campaignId) {
		Map<MessageState, Long> byState = new EnumMap<>(MessageState.class);
		long[] segments = { 0 };
		this.jdbc.query("""
				SELECT state, count(*), coalesce(sum(segments), 0) FROM campaign_message
				WHERE campaign_id = ? GROUP BY state
				""", (ResultSet row) -> {
			MessageState state = MessageState.valueOf(row.getString(1));
			byState.put(state, row.getLong(2));
			if (state == MessageState.HELD || state == MessageState.RELEASED || state == MessageState.SUBMITTED) {
				segments[0] += row.getLong(3);
			}
		}, campaignId);
		return new CampaignCounts(byState, segments[0]);
	}

	/**
	 * Creates texts of a campaign, skipping any that exist already (a piece processed
	 * twice).
	 * @param campaignId the campaign
	 * @param accountId its account
	 * @param texts the texts
	 * @param now their creation time
	 * @return the ids of the texts created now
	 */
	public Set<String> create(UUID campaignId, String accountId, List<NewText> texts, Instant now) {
		int n = texts.size();
		String[] ids = new String[n];
		String[] recipients = new String[n];
		String[] states = new String[n];
		String[] codes = new String[n];
		String[] bodies = new String[n];
		Integer[] segments = new Integer[n];
		String[] zones = new String[n];
		String[] attributes = new String[n];
		String[] releaseAt = new String[n];
		String[] expiresAt = new String[n];
		for (int i = 0; i < n; i++) {
			NewText text = texts.get(i);
			ids[i] = text.id().toString();
			recipients[i] = text.recipient();
			states[i] = MessageState.of(text.admission()).name();
			codes[i] = text.admission().reasonCode();
			bodies[i] = text.body();
			segments[i] = text.segments();
			zones[i] = text.timeZones();
			attributes[i] = text.attributes();
			releaseAt[i] = (text.releaseAt() != null) ? text.releaseAt().toString() : null;
			expiresAt[i] = (text.expiresAt() != null) ? text.expiresAt().toString() : null;
		}
		Set<String> inserted = new HashSet<>();
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
				insert.setObject(1, campaignId);
				insert.setString(2, accountId);
				insert.setObject(3, timestamp(now));
				insert.setArray(4, connection.createArrayOf("text", ids));
				insert.setArray(5, connection.createArrayOf("text", recipients));
				insert.setArray(6, connection.createArrayOf("text", states));
				insert.setArray(7, connection.createArrayOf("text", codes));
				insert.setArray(8, connection.createArrayOf("text", bodies));
				insert.setArray(9, connection.createArrayOf("int4", segments));
				insert.setArray(10, connection.createArrayOf("text", zones));
				insert.setArray(11, connection.createArrayOf("text", attributes));
				insert.setArray(12, connection.createArrayOf("text", releaseAt));
				insert.setArray(13, connection.createArrayOf("text", expiresAt));
				try (ResultSet rows = insert.executeQuery()) {
					while (rows.next()) {
						inserted.add(rows.getString(1));
					}
				}
			}
			return null;
		});
		return inserted;
	}

	/**
	 * The campaign's earliest held texts due at {@code now}, if it is PROCESSING or
	 * SENDING, locked {@code FOR UPDATE SKIP LOCKED}, the campaign {@code FOR KEY SHARE
	 * SKIP LOCKED}: instances claim disjoint texts, and nothing is claimed of a campaign
	 * being canceled.
	 * @param campaignId the campaign
	 * @param now the current time
	 * @param limit most texts
	 * @return the texts
	 */
	public List<DueText> claimDue(UUID campaignId, Instant now, int limit) {
		return this.jdbc.query(CLAIM_DUE, (row, n) -> due(row), campaignId, timestamp(now), limit);
	}

	/**
	 * The campaigns that may have texts to release (PROCESSING or SENDING), with their
	 * accounts, oldest first.
	 * @return the campaigns
	 */
	public List<Running> running() {
		return this.campaigns.select("status IN ('PROCESSING', 'SENDING') ORDER BY created_at, id")
			.stream()
			.map((campaign) -> new Running(campaign.id(), campaign.accountId()))
			.toList();
	}

	/**
	 * Texts released after {@code since} that dispatch has not settled yet: what is in
	 * Kafka or in dispatch now. Older ones are not counted, so a text whose settlement
	 * never arrives cannot shut the release window for good.
	 * @param since the oldest release that counts
	 * @return how many
	 */
	public int inDispatch(Instant since) {
		Integer count = this.jdbc.queryForObject(
				"SELECT count(*) FROM campaign_message WHERE state = 'RELEASED' AND released_at > ?", Integer.class,
				timestamp(since));
		return (count != null) ? count : 0;
	}

	/**
	 * Records what dispatch did with released texts: SUBMITTED, or UNSENT with the status
	 * it ended in. A text that is not RELEASED (settled already, or not a campaign text)
	 * is left alone, so a status read twice changes nothing.
	 * @param settled the texts, by id, with what became of them
	 * @param now the current time
	 * @return how many texts were settled now
	 */
	public int settled(Map<UUID, Settled> settled, Instant now) {
		int n = settled.size();
		String[] ids = new String[n];
		String[] states = new String[n];
		String[] codes = new String[n];
		int i = 0;
		for (Map.Entry<UUID, Settled> entry : settled.entrySet()) {
			ids[i] = entry.getKey().toString();
			states[i] = entry.getValue().state().name();
			codes[i] = entry.getValue().reasonCode();
			i++;
		}
		Integer updated = this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
			try (PreparedStatement update = connection.prepareStatement("""
					UPDATE campaign_message m SET state = t.s, submitted_at = ?,
					    reason_code = coalesce(t.rc, m.reason_code)
					FROM unnest(?::text[], ?::text[], ?::text[]) AS t (i, s, rc)
					WHERE m.id = t.i::uuid AND m.state = 'RELEASED'
					""")) {
				update.setObject(1, timestamp(now));
				update.setArray(2, connection.createArrayOf("text", ids));
				update.setArray(3, connection.createArrayOf("text", states));
				update.setArray(4, connection.createArrayOf("text", codes));
				return update.executeUpdate();
			}
		});
		return (updated != null) ? updated : 0;
	}

	/**
	 * Stores what became of claimed texts: their state and reason code, a new release
	 * time for one held again, the release time for one released.
	 * @param decided the texts with their admission
	 * @param now the current time
	 */
	public void decided(Map<UUID, Admission> decided, Instant now) {
		int n = decided.size();
		String[] ids = new String[n];
		String[] states = new String[n];
		String[] codes = new String[n];
		String[] releaseAt = new String[n];
		int i = 0;
		for (Map.Entry<UUID, Admission> entry : decided.entrySet()) {
			Admission admission = entry.getValue();
			ids[i] = entry.getKey().toString();
			states[i] = MessageState.of(admission).name();
			codes[i] = admission.reasonCode();
			releaseAt[i] = (admission instanceof Admission.HoldUntil hold) ? hold.releaseAt().toString() : null;
			i++;
		}
		this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
			try (PreparedStatement update = connection.prepareStatement(DECIDE)) {
				update.setObject(1, timestamp(now));
				update.setArray(2, connection.createArrayOf("text", ids));
				update.setArray(3, connection.createArrayOf("text", states));
				update.setArray(4, connection.createArrayOf("text", codes));
				update.setArray(5, connection.createArrayOf("text", releaseAt));
				return update.executeUpdate();
			}
		});
	}

	/**
	 * Which of {@code recipients} got a campaign text of the account released (and not
	 * ended unsent) after {@code since}.
	 * @param accountId the account
	 * @param recipients E.164 numbers
	 * @param since the start of the window
	 * @return those recipients
	 */
	public Set<String> releasedSince(String accountId, List<String> recipients, Instant since) {
		Set<String> recent = new HashSet<>();
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (PreparedStatement query = connection.prepareStatement(
					"""
							SELECT DISTINCT recipient FROM campaign_message
							WHERE account_id = ? AND recipient = ANY (?) AND state IN ('RELEASED', 'SUBMITTED') AND released_at > ?
							""")) {
				query.setString(1, accountId);
				query.setArray(2, connection.createArrayOf("text", recipients.toArray()));
				query.setObject(3, timestamp(since));
				try (ResultSet rows = query.executeQuery()) {
					while (rows.next()) {
						recent.add(rows.getString(1));
					}
				}
			}
			return null;
		});
		return recent;
	}

	/**
	 * Ends up to {@code limit} held texts of a campaign CANCELED. It waits for texts
	 * another transaction has locked rather than skipping them (a release that began
	 * before the cancel may hold some until it finds the campaign canceled), so fewer
	 * than {@code limit} means none is left held. The texts are chosen once, in an
	 * {@code ARRAY(...)} init plan: with {@code id IN (SELECT ... LIMIT ...)} PostgreSQL
	 * may plan a semi-join that runs the locking sub-select again for every row.
	 * @param campaignId the campaign
	 * @param reasonCode their reason code
	 * @param limit most texts
	 * @return the texts canceled
	 */
	public List<CanceledText> cancelHeld(UUID campaignId, String reasonCode, int limit) {
		return this.jdbc.query("""
				UPDATE campaign_message SET state = 'CANCELED', reason_code = ?
				WHERE id = ANY (ARRAY(SELECT id FROM campaign_message WHERE campaign_id = ? AND state = 'HELD'
				    LIMIT ? FOR UPDATE))
				    AND state = 'HELD'
				RETURNING id, recipient, segments
				""", (row, n) -> new CanceledText(row.getString(1), row.getString(2), row.getInt(3)), reasonCode,
				campaignId, limit);
	}

	/**
	 * Up to {@code limit} SENDING campaigns whose every text was submitted to the carrier
	 * or ended (none held, none in dispatch), oldest first, locked {@code FOR UPDATE SKIP
	 * LOCKED}.
	 * @param limit most campaigns
	 * @return the campaigns
	 */
	public List<Campaign> claimAllSubmitted(int limit) {
		return this.campaigns.select("""
				status = 'SENDING' AND NOT EXISTS (SELECT 1 FROM campaign_message m
				    WHERE m.campaign_id = campaign.id AND m.state IN ('HELD', 'RELEASED'))
				ORDER BY sending_at LIMIT ? FOR UPDATE SKIP LOCKED""", limit);
	}

	/**
	 * The state of a text, locked {@code FOR UPDATE}.
	 * @param id the text
	 * @return its state, or empty when it does not exist
	 */
	public Optional<MessageState> lockState(UUID id) {
		return this.jdbc.queryForList("SELECT state FROM campaign_message WHERE id = ? FOR UPDATE", String.class, id)
			.stream()
			.findFirst()
			.map(MessageState::valueOf);
	}

	/**
	 * Records a text that was never created as DELETED, so that it never will be.
	 * @param id the text
	 * @param campaign its campaign
	 * @param recipient E.164
	 * @param reasonCode why
	 * @param now the current time
	 */
	public void createDeleted(UUID id, Campaign campaign, String recipient, String reasonCode, Instant now) {
		this.jdbc.update("""
				INSERT INTO campaign_message (id, campaign_id, account_id, recipient, state, reason_code, segments,
				    created_at)
				VALUES (?, ?, ?, ?, 'DELETED', ?, 0, ?)
				""", id, campaign.id(), campaign.accountId(), recipient, reasonCode, timestamp(now));
	}

	/**
	 * Ends a held text DELETED.
	 * @param id the text, locked
	 * @param reasonCode why
	 * @return its segments
	 */
	public Integer delete(UUID id, String reasonCode) {
		return this.jdbc.queryForObject("""
				UPDATE campaign_message SET state = 'DELETED', reason_code = ? WHERE id = ?
				RETURNING segments""", Integer.class, reasonCode, id);
	}

	private DueText due(ResultSet row) throws SQLException {
		Long smart = (Long) row.getObject("smart_sending_seconds");
		List<ZoneId> zones = new ArrayList<>(2);
		for (String zone : row.getString("time_zones").split(",")) {
			zones.add(ZoneId.of(zone));
		}
		return new DueText(row.getObject("id", UUID.class), row.getObject("campaign_id", UUID.class),
				row.getString("account_id"), row.getString("recipient"), row.getString("body"), row.getInt("segments"),
				zones, this.json.readValue(row.getString("attributes"), ATTRIBUTES), instant(row, "release_at"),
				instant(row, "expires_at"), row.getString("sender"),
				new QuietHours(row.getBoolean("quiet_hours_enabled"),
						row.getObject("quiet_hours_start", LocalTime.class),
						row.getObject("quiet_hours_end", LocalTime.class)),
				(smart != null) ? Duration.ofSeconds(smart) : null);
	}

	/**
	 * A text to create.
	 *
	 * @param id its id ({@link #messageId})
	 * @param recipient E.164, or the number as given when unreadable
	 * @param admission what became of it
	 * @param body rendered text, or {@code null} when it was not rendered
	 * @param segments SMS segments of {@code body}
	 * @param timeZones the recipient's zones, comma-separated, or {@code null}
	 * @param attributes the member's attributes, JSON
	 * @param releaseAt when it is released, or {@code null}
	 * @param expiresAt when its validity ends, or {@code null}
	 */
	public record NewText(UUID id, String recipient, Admission admission, String body, int segments, String timeZones,
			String attributes, Instant releaseAt, Instant expiresAt) {
	}

	/**
	 * A held text whose release time came, with what its campaign says about sending it.
	 *
	 * @param id the text
	 * @param campaignId its campaign
	 * @param accountId its account
	 * @param recipient E.164
	 * @param body rendered text
	 * @param segments SMS segments
	 * @param zones the recipient's zones
	 * @param attributes passed on to dispatch
	 * @param releaseAt when it was to be released
	 * @param expiresAt when its validity ends
	 * @param sender the campaign's From number, or {@code null}
	 * @param quietHours the campaign's quiet hours
	 * @param smartSendingWindow the campaign's smart sending window, or {@code null}
	 */
	public record DueText(UUID id, UUID campaignId, String accountId, String recipient, String body, int segments,
			List<ZoneId> zones, Map<String, String> attributes, Instant releaseAt, Instant expiresAt, String sender,
			QuietHours quietHours, Duration smartSendingWindow) {
	}

	/**
	 * A campaign that may have texts to release.
	 *
	 * @param id the campaign
	 * @param accountId its account
	 */
	public record Running(UUID id, String accountId) {
	}

	/**
	 * What dispatch did with a released text.
	 *
	 * @param state SUBMITTED or UNSENT
	 * @param reasonCode for UNSENT, the status it ended in; otherwise {@code null}
	 */
	public record Settled(MessageState state, String reasonCode) {
	}

	/**
	 * A text canceled with its campaign.
	 *
	 * @param id the text
	 * @param recipient E.164
	 * @param segments SMS segments
	 */
	public record CanceledText(String id, String recipient, int segments) {
	}

}
