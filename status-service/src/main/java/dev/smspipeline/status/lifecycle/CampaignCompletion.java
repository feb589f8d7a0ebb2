package dev.smspipeline.status.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.schemas.EventIds;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.status.store.StatusBucket;

/**
 * Completes campaigns: publishes one {@code CampaignEvent} (type COMPLETED, status DONE,
 * key and id the campaign's, event id {@code <campaignId>:COMPLETED}, {@code counts} with
 * every bucket and {@code total}) on {@code sms.campaign-events} once campaign-service
 * has announced that it released all the campaign's texts ({@code released_total}) and
 * <ul>
 * <li>as many of its texts are final (delivered, error, delivery unknown, canceled,
 * deleted) as were released: reason {@value #ALL_TERMINAL}, or {@value #WINDOW_PASSED}
 * when some of them are final only because the delivery window passed (DELIVERY_UNKNOWN);
 * or</li>
 * <li>the delivery window has passed since its last submission and none of its texts is
 * still in the outbox (the ageing job turns those DELIVERY_UNKNOWN first): reason
 * {@value #WINDOW_PASSED}, even if some texts never left the queue.</li>
 * </ul>
 * <b>Once per campaign:</b> candidates are claimed with {@code FOR UPDATE SKIP LOCKED}
 * (several instances never complete the same campaign at once); the event is published
 * and acknowledged, then the campaign is marked completed and written to the
 * {@code campaign_completion} ledger in the same transaction. The ledger survives a
 * rebuild of the store, so replaying the topics never completes a campaign twice. Only a
 * database failure between the broker's acknowledgement and the commit publishes the same
 * event (same event id) again. Idempotent producer, no Kafka transaction, for the reasons
 * {@link Publisher} gives.
 */
@Component
class CampaignCompletion {

	/** Every released text reached a final status. */
	static final String ALL_TERMINAL = "ALL_TERMINAL";

	/** The delivery window passed: some texts are final only by ageing, or never were. */
	static final String WINDOW_PASSED = "DELIVERY_WINDOW_PASSED";

	private static final Logger log = LoggerFactory.getLogger(CampaignCompletion.class);

	// The predicate matches the partial index campaign_counters_open.
	private static final String CLAIM = """
			SELECT c.account_id, c.campaign_id, c.in_queue, c.outbox, c.delivered, c.error, c.delivery_unknown,
			    c.canceled, c.deleted, c.released_total, c.last_submitted_at,
			    d.reason AS ledger_reason, d.completed_at AS ledger_completed_at
			FROM campaign_counters c
			LEFT JOIN campaign_completion d ON d.account_id = c.account_id AND d.campaign_id = c.campaign_id
			WHERE c.released_total IS NOT NULL AND c.completed_at IS NULL
			    AND (c.delivered + c.error + c.delivery_unknown + c.canceled + c.deleted >= c.released_total
			        OR (c.last_submitted_at <= ? AND c.outbox = 0))
			ORDER BY c.released_at
			LIMIT ?
			FOR UPDATE OF c SKIP LOCKED
			""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Publisher publisher;

	private final LifecycleSettings settings;

	private final Clock clock;

	private final MeterRegistry meters;

	CampaignCompletion(JdbcClient jdbc, TransactionTemplate transactions, Publisher publisher,
			LifecycleSettings settings, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.publisher = publisher;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
	}

	@Scheduled(fixedDelayString = "${sms.status.completion.interval:5s}",
			initialDelayString = "${sms.status.completion.interval:5s}")
	void run() {
		if (!this.settings.completion().enabled()) {
			return;
		}
		try {
			while (completeOneBatch() == this.settings.completion().batchSize()) {
				// Another full batch may be waiting.
			}
		}
		catch (RuntimeException ex) {
			log.warn("Campaign completion failed; the next run tries again: {}", ex.toString());
		}
	}

	/** Claims, publishes and marks one batch of finished campaigns; returns how many. */
	int completeOneBatch() {
		Integer done = this.transactions.execute((status) -> {
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
			List<Candidate> candidates = this.jdbc.sql(CLAIM)
				.params(timestamp(now.minus(this.settings.deliveryWindow())), this.settings.completion().batchSize())
				.query(CampaignCompletion::candidate)
				.list();
			if (candidates.isEmpty()) {
				return 0;
			}
			List<Candidate> toPublish = new ArrayList<>();
			for (Candidate candidate : candidates) {
				if (candidate.ledgerReason() != null) {
					// Completed before a rebuild: take the record back, publish nothing.
					mark(candidate.accountId(), candidate.campaignId(), candidate.ledgerReason(),
							candidate.ledgerCompletedAt());
				}
				else {
					toPublish.add(candidate);
				}
			}
			if (!toPublish.isEmpty()) {
				this.publisher.publishAll(Topics.CAMPAIGN_EVENTS,
						toPublish.stream()
							.map((candidate) -> new Publisher.Keyed(candidate.campaignId(), event(candidate, now)))
							.toList());
				for (Candidate candidate : toPublish) {
					String reason = candidate.reason();
					this.jdbc.sql("""
							INSERT INTO campaign_completion (account_id, campaign_id, reason, completed_at)
							VALUES (?, ?, ?, ?)
							ON CONFLICT (account_id, campaign_id) DO NOTHING
							""").params(candidate.accountId(), candidate.campaignId(), reason, timestamp(now)).update();
					mark(candidate.accountId(), candidate.campaignId(), reason, now);
					log.info("Campaign {} of account {} completed ({}): {}", candidate.campaignId(),
							candidate.accountId(), reason, candidate.counts());
					Counter.builder("sms.status.campaigns.completed")
						.description("Campaigns completed, by reason")
						.tag("reason", reason)
						.register(this.meters)
						.increment();
				}
			}
			return candidates.size();
		});
		return (done != null) ? done : 0;
	}

	private void mark(String account, String campaign, String reason, Instant at) {
		this.jdbc.sql("""
				UPDATE campaign_counters SET completed_at = ?, completion_reason = ?, campaign_status = 'DONE'
				WHERE account_id = ? AND campaign_id = ?
				""").params(timestamp(at), reason, account, campaign).update();
	}

	private static CampaignEvent event(Candidate candidate, Instant now) {
		return CampaignEvent.newBuilder()
			.setEventId(EventIds.campaignCompleted(candidate.campaignId()))
			.setCampaignId(candidate.campaignId())
			.setAccountId(candidate.accountId())
			.setType(CampaignEventType.COMPLETED)
			.setStatus(CampaignStatus.DONE)
			.setPreviousStatus(CampaignStatus.SENT)
			.setReason(candidate.reason())
			.setCounts(candidate.counts())
			.setOccurredAt(now)
			.build();
	}

	private static Candidate candidate(ResultSet row, int rowNumber) throws SQLException {
		Map<String, Long> counts = new LinkedHashMap<>();
		long total = 0;
		for (StatusBucket bucket : StatusBucket.values()) {
			long count = row.getLong(bucket.column());
			counts.put(bucket.apiName(), count);
			total += count;
		}
		counts.put("total", total);
		OffsetDateTime ledgerAt = row.getObject("ledger_completed_at", OffsetDateTime.class);
		return new Candidate(row.getString("account_id"), row.getString("campaign_id"), counts,
				row.getLong("released_total"), row.getString("ledger_reason"),
				(ledgerAt != null) ? ledgerAt.toInstant() : null);
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * A campaign the claim found finished.
	 *
	 * @param accountId its account
	 * @param campaignId its id
	 * @param counts texts per bucket (API names) and {@code total}
	 * @param released how many texts campaign-service released
	 * @param ledgerReason the reason in the ledger, when it was completed before
	 * @param ledgerCompletedAt when, per the ledger
	 */
	record Candidate(String accountId, String campaignId, Map<String, Long> counts, long released, String ledgerReason,
			Instant ledgerCompletedAt) {

		String reason() {
			long terminal = 0;
			for (StatusBucket bucket : StatusBucket.values()) {
				if (bucket.terminal()) {
					terminal += this.counts.get(bucket.apiName());
				}
			}
			boolean allFinal = terminal >= this.released;
			return (allFinal && this.counts.get(StatusBucket.DELIVERY_UNKNOWN.apiName()) == 0) ? ALL_TERMINAL
					: WINDOW_PASSED;
		}

	}

}
