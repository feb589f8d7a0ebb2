package dev.smspipeline.campaign.release;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.admission.Admission;
import dev.smspipeline.campaign.admission.AdmissionPolicy;
import dev.smspipeline.campaign.admission.TextFacts;
import dev.smspipeline.campaign.admission.Timing;
import dev.smspipeline.campaign.campaign.Campaign;
import dev.smspipeline.campaign.campaign.CampaignStore;
import dev.smspipeline.campaign.campaign.Lifecycle;
import dev.smspipeline.campaign.campaign.MessageState;
import dev.smspipeline.campaign.consent.OptOuts;
import dev.smspipeline.campaign.message.MessageSettings;
import dev.smspipeline.campaign.message.Texts;
import dev.smspipeline.campaign.outbox.Outbox;
import dev.smspipeline.campaign.schedule.QuietHours;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.schemas.EventIds;
import dev.smspipeline.schemas.OptOutKey;
import dev.smspipeline.schemas.Topics;

/**
 * Releases held campaign texts when they fall due, every {@code interval}:
 * <ul>
 * <li><b>Claim:</b> the earliest due texts of PROCESSING or SENDING campaigns,
 * {@code FOR UPDATE OF} the texts {@code SKIP LOCKED} and {@code FOR KEY SHARE OF} their
 * campaigns {@code SKIP LOCKED}: several instances release disjoint texts, and a campaign
 * being canceled (which locks it {@code FOR UPDATE}) has nothing released meanwhile.</li>
 * <li><b>Check again at release:</b> a text whose recipient opted out of the account's
 * texts since the campaign was processed (a STOP mid-campaign) ends REJECTED
 * ({@code OPTED_OUT}); a text whose validity passed ends EXPIRED; one that fell into
 * quiet hours (the release ran late) is held to the next allowed minute (a new SCHEDULED)
 * or EXPIRED; one whose recipient got a campaign text of the account within the
 * campaign's smart sending window ends CANCELED ({@code SMART_SENDING_WINDOW}).</li>
 * <li><b>Release:</b> its {@code MessageRequested}, built as the one-off path builds it
 * (source CAMPAIGN, the campaign id, the rendered body, segments, {@code notBefore} = its
 * release time, {@code expiresAt}), goes to the outbox and the text becomes RELEASED, in
 * the same transaction: a crash before the commit releases nothing, and the outbox
 * publishes it exactly once.</li>
 * <li><b>Pace:</b> at most {@code rate} texts per second per instance, in transactions of
 * at most {@code batch-size}.</li>
 * </ul>
 * Each round also sweeps canceled campaigns (their held texts end CANCELED,
 * {@code CAMPAIGN_CANCELED}) and moves SENDING campaigns with nothing left to release to
 * SENT, with {@code counts.total}: every text of the campaign (each has had a status
 * published), which status-service waits for to complete it.
 */
@Component
public class ReleasePoller {

	/** Reason code of a text canceled with its campaign. */
	public static final String CAMPAIGN_CANCELED = "CAMPAIGN_CANCELED";

	private static final Logger log = LoggerFactory.getLogger(ReleasePoller.class);

	private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private static final String CLAIM = """
			SELECT m.id, m.campaign_id, m.account_id, m.recipient, m.body, m.segments, m.time_zones,
			    m.attributes::text, m.release_at, m.expires_at, c.sender, c.quiet_hours_enabled,
			    c.quiet_hours_start, c.quiet_hours_end, c.smart_sending_seconds
			FROM campaign_message m JOIN campaign c ON c.id = m.campaign_id
			WHERE m.state = 'HELD' AND m.release_at <= ? AND c.status IN ('PROCESSING', 'SENDING')
			ORDER BY m.release_at
			LIMIT ?
			FOR UPDATE OF m SKIP LOCKED
			FOR KEY SHARE OF c SKIP LOCKED
			""";

	private static final String UPDATE = """
			UPDATE campaign_message m SET state = t.s, reason_code = t.rc,
			    release_at = coalesce(t.ra::timestamptz, m.release_at),
			    released_at = CASE WHEN t.s = 'RELEASED' THEN ?::timestamptz ELSE m.released_at END
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS t (i, s, rc, ra)
			WHERE m.id = t.i::uuid
			""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final CampaignStore campaigns;

	private final Lifecycle lifecycle;

	private final Outbox outbox;

	private final MessageSettings messages;

	private final OptOuts optOuts;

	private final ReleaseSettings settings;

	private final JsonMapper json;

	private final Clock clock;

	private final Counter released;

	private double tokens;

	private long refilledAt = System.nanoTime();

	ReleasePoller(JdbcTemplate jdbc, TransactionTemplate transactions, CampaignStore campaigns, Lifecycle lifecycle,
			Outbox outbox, MessageSettings messages, OptOuts optOuts, ReleaseSettings settings, JsonMapper json,
			Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.campaigns = campaigns;
		this.lifecycle = lifecycle;
		this.outbox = outbox;
		this.messages = messages;
		this.optOuts = optOuts;
		this.settings = settings;
		this.json = json;
		this.clock = clock;
		this.released = Counter.builder("sms.campaign.texts.released")
			.description("Campaign texts handed to dispatch")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${sms.campaigns.release.interval:200ms}")
	void run() {
		if (!this.settings.enabled()) {
			return;
		}
		try {
			releaseDue();
			sweepCanceled();
			announceSent();
		}
		catch (RuntimeException ex) {
			log.warn("Release round failed; the next round tries again: {}", ex.toString());
		}
	}

	/** Releases due texts as the pace allows; returns how many were handled. */
	int releaseDue() {
		int handled = 0;
		while (true) {
			int permits = permits();
			if (permits == 0) {
				return handled;
			}
			int claimed = releaseBatch(permits);
			this.tokens -= claimed;
			handled += claimed;
			if (claimed < permits) {
				return handled;
			}
		}
	}

	/**
	 * Claims and handles up to {@code limit} due texts in one transaction.
	 * @param limit most texts
	 * @return how many were claimed
	 */
	int releaseBatch(int limit) {
		Integer claimed = this.transactions.execute((status) -> {
			Instant now = now();
			List<Due> due = this.jdbc.query(CLAIM, (row, n) -> due(row), CampaignStore.timestamp(now), limit);
			if (due.isEmpty()) {
				return 0;
			}
			Set<String> optedOut = optedOut(due);
			Set<String> recentlyTexted = recentlyTexted(due, now);
			List<Change> changes = new ArrayList<>(due.size());
			List<Outbox.Entry> records = new ArrayList<>(due.size());
			int releasedNow = 0;
			for (Due text : due) {
				Change change = decide(text, now, optedOut, recentlyTexted);
				changes.add(change);
				records.add(record(text, change, now));
				if (change.admission() instanceof Admission.Send) {
					releasedNow++;
				}
			}
			update(changes, now);
			this.outbox.addAll(records);
			this.released.increment(releasedNow);
			return due.size();
		});
		return (claimed != null) ? claimed : 0;
	}

	private Change decide(Due text, Instant now, Set<String> optedOut, Set<String> recentlyTexted) {
		Admission admission = AdmissionPolicy.decide(new TextFacts() {

			@Override
			public Optional<String> optedOut() {
				return optedOut.contains(OptOutKey.of(text.accountId(), text.recipient()))
						? Optional
							.of(text.recipient() + " opted out of this account's texts before the text was released")
						: Optional.empty();
			}

			@Override
			public Timing timing() {
				return new Timing.Due(now, text.releaseAt(), text.expiresAt(), text.quietHours(), text.zones());
			}

			@Override
			public Optional<Duration> smartSendingWindow() {
				return Optional.ofNullable(text.smartSendingWindow());
			}

			@Override
			public boolean recentlyTexted() {
				return !recentlyTexted.add(text.accountId() + ":" + text.recipient());
			}

		});
		return new Change(text.id(), admission);
	}

	private Outbox.Entry record(Due text, Change change, Instant now) {
		String sender = this.messages.senderOr(text.sender());
		String id = text.id().toString();
		if (change.admission() instanceof Admission.Send) {
			MessageRequested request = Texts.request(new Texts.Text(id, text.accountId(), text.campaignId().toString(),
					text.recipient(), sender, text.body(), text.segments(), null, now, text.releaseAt(),
					text.expiresAt(), RequestSource.CAMPAIGN, text.attributes()));
			return new Outbox.Entry(Topics.MESSAGE_REQUESTED, text.recipient(), request);
		}
		DeliveryStatus.Builder status = Texts
			.status(id, text.accountId(), text.campaignId().toString(), text.recipient(), sender,
					change.admission().status(), now)
			.setSegments(text.segments())
			.setReasonCode(change.admission().reasonCode());
		if (change.admission() instanceof Admission.HoldUntil hold) {
			status.setEventId(EventIds.held(id, hold.releaseAt()))
				.setAttributes(Map.of("releaseAt", hold.releaseAt().toString(), "expiresAt",
						text.expiresAt().toString(), "reason", "held through quiet hours"));
		}
		else {
			status.setAttributes(Map.of("reason", reason(change.admission())));
		}
		return new Outbox.Entry(Topics.DELIVERY_STATUS, id, status.build());
	}

	/**
	 * The recipients (as {@code account:recipient}) of texts in {@code due} who opted out
	 * of the account's texts.
	 */
	private Set<String> optedOut(List<Due> due) {
		Map<String, Set<String>> byAccount = new HashMap<>();
		due.forEach((text) -> byAccount.computeIfAbsent(text.accountId(), (account) -> new HashSet<>())
			.add(text.recipient()));
		Set<String> optedOut = new HashSet<>();
		byAccount.forEach((account, recipients) -> this.optOuts.optedOut(account, recipients)
			.forEach((recipient) -> optedOut.add(OptOutKey.of(account, recipient))));
		return optedOut;
	}

	/**
	 * The recipients (as {@code account:recipient}) of texts in {@code due} whose
	 * campaign has a smart sending window and who got a campaign text of the account
	 * within it.
	 */
	private Set<String> recentlyTexted(List<Due> due, Instant now) {
		Map<Duration, List<Due>> byWindow = new HashMap<>();
		for (Due text : due) {
			if (text.smartSendingWindow() != null) {
				byWindow.computeIfAbsent(text.smartSendingWindow(), (window) -> new ArrayList<>()).add(text);
			}
		}
		Set<String> recent = new HashSet<>();
		byWindow.forEach((window, texts) -> {
			Map<String, List<String>> byAccount = new HashMap<>();
			texts.forEach((text) -> byAccount.computeIfAbsent(text.accountId(), (account) -> new ArrayList<>())
				.add(text.recipient()));
			byAccount.forEach((account, recipients) -> this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
				try (PreparedStatement query = connection.prepareStatement("""
						SELECT DISTINCT recipient FROM campaign_message
						WHERE account_id = ? AND recipient = ANY (?) AND state = 'RELEASED' AND released_at > ?
						""")) {
					query.setString(1, account);
					query.setArray(2, connection.createArrayOf("text", recipients.toArray()));
					query.setObject(3, CampaignStore.timestamp(now.minus(window)));
					try (ResultSet rows = query.executeQuery()) {
						while (rows.next()) {
							recent.add(account + ":" + rows.getString(1));
						}
					}
				}
				return null;
			}));
		});
		return recent;
	}

	private void update(List<Change> changes, Instant now) {
		int n = changes.size();
		String[] ids = new String[n];
		String[] states = new String[n];
		String[] codes = new String[n];
		String[] releaseAt = new String[n];
		for (int i = 0; i < n; i++) {
			Change change = changes.get(i);
			ids[i] = change.id().toString();
			states[i] = MessageState.of(change.admission()).name();
			codes[i] = change.admission().reasonCode();
			releaseAt[i] = (change.admission() instanceof Admission.HoldUntil hold) ? hold.releaseAt().toString()
					: null;
		}
		this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
			try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
				update.setObject(1, CampaignStore.timestamp(now));
				update.setArray(2, connection.createArrayOf("text", ids));
				update.setArray(3, connection.createArrayOf("text", states));
				update.setArray(4, connection.createArrayOf("text", codes));
				update.setArray(5, connection.createArrayOf("text", releaseAt));
				return update.executeUpdate();
			}
		});
	}

	/**
	 * Marks held texts of canceled campaigns CANCELED, a batch per campaign per round.
	 */
	int sweepCanceled() {
		Integer swept = this.transactions.execute((status) -> {
			List<Campaign> pending = this.campaigns
				.select("cancel_pending ORDER BY canceled_at LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED");
			if (pending.isEmpty()) {
				return 0;
			}
			Campaign campaign = pending.get(0);
			Instant now = now();
			String sender = this.messages.senderOr(campaign.definition().sender());
			List<Outbox.Entry> records = new ArrayList<>();
			this.jdbc.query("""
					UPDATE campaign_message SET state = 'CANCELED', reason_code = ?
					WHERE id IN (SELECT id FROM campaign_message WHERE campaign_id = ? AND state = 'HELD'
					    LIMIT ? FOR UPDATE SKIP LOCKED)
					RETURNING id, recipient, segments
					""", (ResultSet row) -> {
				DeliveryStatus canceled = Texts
					.status(row.getString(1), campaign.accountId(), campaign.id().toString(), row.getString(2), sender,
							MessageStatus.CANCELED, now)
					.setSegments(row.getInt(3))
					.setReasonCode(CAMPAIGN_CANCELED)
					.build();
				records.add(new Outbox.Entry(Topics.DELIVERY_STATUS, canceled.getMessageId(), canceled));
			}, CAMPAIGN_CANCELED, campaign.id(), this.settings.sweepBatchSize());
			this.outbox.addAll(records);
			if (records.size() < this.settings.sweepBatchSize()) {
				this.jdbc.update("UPDATE campaign SET cancel_pending = false WHERE id = ?", campaign.id());
			}
			return records.size();
		});
		return (swept != null) ? swept : 0;
	}

	/** Moves SENDING campaigns with no held text left to SENT. */
	int announceSent() {
		Integer sent = this.transactions.execute((status) -> {
			List<Campaign> done = this.campaigns.select("""
					status = 'SENDING' AND NOT EXISTS (SELECT 1 FROM campaign_message m
					    WHERE m.campaign_id = campaign.id AND m.state = 'HELD')
					ORDER BY sending_at LIMIT 20 FOR UPDATE SKIP LOCKED""");
			for (Campaign campaign : done) {
				this.lifecycle.transition(campaign, CampaignStatus.SENT, "ALL_RELEASED", null);
			}
			return done.size();
		});
		return (sent != null) ? sent : 0;
	}

	private int permits() {
		long nanos = System.nanoTime();
		double rate = this.settings.rate();
		this.tokens = Math.min(Math.max(rate, 1), this.tokens + (nanos - this.refilledAt) / 1e9 * rate);
		this.refilledAt = nanos;
		return (int) Math.min(this.settings.batchSize(), Math.floor(this.tokens));
	}

	private Due due(ResultSet row) throws SQLException {
		Long smart = (Long) row.getObject("smart_sending_seconds");
		List<ZoneId> zones = new ArrayList<>(2);
		for (String zone : row.getString("time_zones").split(",")) {
			zones.add(ZoneId.of(zone));
		}
		return new Due(row.getObject("id", UUID.class), row.getObject("campaign_id", UUID.class),
				row.getString("account_id"), row.getString("recipient"), row.getString("body"), row.getInt("segments"),
				zones, this.json.readValue(row.getString("attributes"), ATTRIBUTES),
				CampaignStore.instant(row, "release_at"), CampaignStore.instant(row, "expires_at"),
				row.getString("sender"),
				new QuietHours(row.getBoolean("quiet_hours_enabled"),
						row.getObject("quiet_hours_start", LocalTime.class),
						row.getObject("quiet_hours_end", LocalTime.class)),
				(smart != null) ? Duration.ofSeconds(smart) : null);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private record Due(UUID id, UUID campaignId, String accountId, String recipient, String body, int segments,
			List<ZoneId> zones, Map<String, String> attributes, Instant releaseAt, Instant expiresAt, String sender,
			QuietHours quietHours, Duration smartSendingWindow) {
	}

	private record Change(UUID id, Admission admission) {
	}

	private static String reason(Admission admission) {
		if (admission instanceof Admission.Reject reject) {
			return reject.reason();
		}
		if (admission instanceof Admission.Expire expire) {
			return expire.reason();
		}
		return ((Admission.Skip) admission).reason();
	}

}
