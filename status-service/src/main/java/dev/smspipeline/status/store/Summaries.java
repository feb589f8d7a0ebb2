package dev.smspipeline.status.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the per-campaign counters ({@code campaign_counters}) and the per-recipient
 * summary ({@code recipient_summary}) in step with the texts' states, inside the
 * {@link StatusStore}'s transaction. Both move by differences: a text leaves its old
 * bucket and joins its new one only when its stored state changed, so a repeated or
 * replayed event changes no counter. Shared rows are written in key order, so two batches
 * never wait on each other in a cycle.
 */
@Component
class Summaries {

	private static final String UPSERT_CAMPAIGN = """
			INSERT INTO campaign_counters AS c (account_id, campaign_id, in_queue, outbox, delivered, error,
			    delivery_unknown, canceled, deleted, first_submitted_at, last_submitted_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (account_id, campaign_id) DO UPDATE SET
			    in_queue = c.in_queue + EXCLUDED.in_queue,
			    outbox = c.outbox + EXCLUDED.outbox,
			    delivered = c.delivered + EXCLUDED.delivered,
			    error = c.error + EXCLUDED.error,
			    delivery_unknown = c.delivery_unknown + EXCLUDED.delivery_unknown,
			    canceled = c.canceled + EXCLUDED.canceled,
			    deleted = c.deleted + EXCLUDED.deleted,
			    first_submitted_at = LEAST(c.first_submitted_at, EXCLUDED.first_submitted_at),
			    last_submitted_at = GREATEST(c.last_submitted_at, EXCLUDED.last_submitted_at),
			    created_at = LEAST(c.created_at, EXCLUDED.created_at)
			""";

	private static final String UPSERT_RECIPIENT_COUNTS = """
			INSERT INTO recipient_summary AS r (account_id, recipient, message_count, failed_count)
			VALUES (?, ?, ?, ?)
			ON CONFLICT (account_id, recipient) DO UPDATE SET
			    message_count = r.message_count + EXCLUDED.message_count,
			    failed_count = r.failed_count + EXCLUDED.failed_count
			""";

	// A statement of its own, run after the row is locked: it then sees every text of the
	// recipient that a transaction which held the lock before committed.
	private static final String REFRESH_RECIPIENT_LATEST = """
			UPDATE recipient_summary r
			SET (latest_message_id, latest_status, latest_bucket, latest_created_at) = (
			    SELECT m.message_id, m.status, m.bucket, m.created_at
			    FROM message_status m
			    WHERE m.account_id = r.account_id AND m.recipient = r.recipient
			    ORDER BY m.created_at DESC, m.message_id DESC
			    LIMIT 1)
			WHERE r.account_id = ? AND r.recipient = ?
			""";

	private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::accountId).thenComparing(Key::id);

	private final JdbcTemplate jdbc;

	Summaries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Applies what a batch changed.
	 * @param before the texts' stored states before the batch (absent: new)
	 * @param after their states after it
	 */
	void update(Map<String, MessageState> before, Map<String, MessageState> after) {
		updateCampaigns(before, after);
		updateRecipients(before, after);
	}

	private void updateCampaigns(Map<String, MessageState> before, Map<String, MessageState> after) {
		Map<Key, CampaignChange> changes = new TreeMap<>(KEY_ORDER);
		after.forEach((id, now) -> {
			MessageState was = before.get(id);
			if (was != null && was.campaignId() != null) {
				changes.computeIfAbsent(new Key(was.accountId(), was.campaignId()), CampaignChange::new)
					.move(was.bucket(), -1);
			}
			if (now.campaignId() != null) {
				CampaignChange change = changes.computeIfAbsent(new Key(now.accountId(), now.campaignId()),
						CampaignChange::new);
				change.move(now.bucket(), 1);
				// Always carried (LEAST and GREATEST make them harmless), but only a
				// change
				// makes the row worth writing.
				change.times(now.createdAt(), now.submittedAt(), now.lastSubmittedAt(),
						was == null || !now.campaignId().equals(was.campaignId())
								|| !now.createdAt().equals(was.createdAt())
								|| !Objects.equals(now.submittedAt(), was.submittedAt())
								|| !Objects.equals(now.lastSubmittedAt(), was.lastSubmittedAt()));
			}
		});
		List<CampaignChange> effective = changes.values().stream().filter(CampaignChange::changesAnything).toList();
		if (!effective.isEmpty()) {
			this.jdbc.batchUpdate(UPSERT_CAMPAIGN, effective, effective.size(), Summaries::setCampaign);
		}
	}

	private void updateRecipients(Map<String, MessageState> before, Map<String, MessageState> after) {
		Map<Key, long[]> changes = new TreeMap<>(KEY_ORDER);
		after.forEach((id, now) -> {
			MessageState was = before.get(id);
			if (now.recipient() == null || !now.changesRecipientSummary(was)) {
				return;
			}
			long[] delta = changes.computeIfAbsent(new Key(now.accountId(), now.recipient()), (key) -> new long[2]);
			if (was == null || was.recipient() == null) {
				delta[0]++;
			}
			boolean failedBefore = was != null && was.recipient() != null && was.bucket() == StatusBucket.ERROR;
			boolean failedNow = now.bucket() == StatusBucket.ERROR;
			delta[1] += (failedNow ? 1 : 0) - (failedBefore ? 1 : 0);
		});
		if (changes.isEmpty()) {
			return;
		}
		List<Map.Entry<Key, long[]>> entries = List.copyOf(changes.entrySet());
		this.jdbc.batchUpdate(UPSERT_RECIPIENT_COUNTS, entries, entries.size(), (statement, entry) -> {
			statement.setString(1, entry.getKey().accountId());
			statement.setString(2, entry.getKey().id());
			statement.setLong(3, entry.getValue()[0]);
			statement.setLong(4, entry.getValue()[1]);
		});
		this.jdbc.batchUpdate(REFRESH_RECIPIENT_LATEST, entries, entries.size(), (statement, entry) -> {
			statement.setString(1, entry.getKey().accountId());
			statement.setString(2, entry.getKey().id());
		});
	}

	private static void setCampaign(PreparedStatement statement, CampaignChange change) throws SQLException {
		statement.setString(1, change.key.accountId());
		statement.setString(2, change.key.id());
		StatusBucket[] buckets = StatusBucket.values();
		for (int i = 0; i < buckets.length; i++) {
			statement.setLong(3 + i, change.counts[i]);
		}
		statement.setObject(10, StatusStore.timestamp(change.firstSubmitted));
		statement.setObject(11, StatusStore.timestamp(change.lastSubmitted));
		statement.setObject(12, StatusStore.timestamp(change.created));
	}

	/** A campaign or recipient of one account. */
	private record Key(String accountId, String id) {
	}

	/** What one batch changes in one campaign's counters. */
	private static final class CampaignChange {

		private final Key key;

		private final long[] counts = new long[StatusBucket.values().length];

		private Instant created;

		private Instant firstSubmitted;

		private Instant lastSubmitted;

		private boolean timesChanged;

		CampaignChange(Key key) {
			this.key = key;
		}

		void move(StatusBucket bucket, int by) {
			this.counts[bucket.ordinal()] += by;
		}

		void times(Instant createdAt, Instant firstSubmittedAt, Instant lastSubmittedAt, boolean changed) {
			this.timesChanged |= changed;
			this.created = (this.created == null || createdAt.isBefore(this.created)) ? createdAt : this.created;
			if (firstSubmittedAt != null
					&& (this.firstSubmitted == null || firstSubmittedAt.isBefore(this.firstSubmitted))) {
				this.firstSubmitted = firstSubmittedAt;
			}
			if (lastSubmittedAt != null
					&& (this.lastSubmitted == null || lastSubmittedAt.isAfter(this.lastSubmitted))) {
				this.lastSubmitted = lastSubmittedAt;
			}
		}

		boolean changesAnything() {
			if (this.timesChanged) {
				return true;
			}
			for (long count : this.counts) {
				if (count != 0) {
					return true;
				}
			}
			return false;
		}

	}

}
