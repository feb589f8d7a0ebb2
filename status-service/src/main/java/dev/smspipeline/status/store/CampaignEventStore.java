package dev.smspipeline.status.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.CampaignStatus;

/**
 * Writes campaign events into {@code campaign_counters}:
 * <ul>
 * <li>{@code STATUS_CHANGED} to {@code SENT} with {@code counts.total}: campaign-service
 * released all the campaign's texts, this many. Sets {@code released_total}, which the
 * completion job waits for.</li>
 * <li>{@code STATUS_CHANGED} to {@code FAILED}: the campaign ended without sending
 * (nobody left to send to, or over its account's sending limit), perhaps before any text:
 * it is listed as completed with campaign-service's reason
 * ({@code SENDING_LIMIT: ...}).</li>
 * <li>any other {@code STATUS_CHANGED}: the campaign's lifecycle status, on a campaign
 * already known.</li>
 * <li>{@code COMPLETED}: the campaign was completed (by this service, maybe by another
 * instance or before a rebuild). Sets {@code completed_at} and refills the
 * {@code campaign_completion} ledger, so a rebuilt store never completes it again.</li>
 * </ul>
 */
@Repository
class CampaignEventStore {

	/** The key of {@link CampaignEvent#getCounts()} that carries the released total. */
	static final String TOTAL = "total";

	private static final Logger log = LoggerFactory.getLogger(CampaignEventStore.class);

	private static final Comparator<CampaignEvent> CAMPAIGN_ORDER = Comparator
		.comparing((CampaignEvent event) -> event.getAccountId())
		.thenComparing(CampaignEvent::getCampaignId);

	private final JdbcClient jdbc;

	CampaignEventStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Applies {@code events} in one transaction. They are applied campaign by campaign in
	 * key order (the same order the status projector locks campaigns in), each campaign's
	 * events in their own order.
	 */
	@Transactional
	public void write(List<CampaignEvent> events) {
		events.stream().sorted(CAMPAIGN_ORDER).forEach(this::apply);
	}

	private void apply(CampaignEvent event) {
		String account = Texts.required(event.getAccountId());
		String campaign = Texts.required(event.getCampaignId());
		OffsetDateTime at = timestamp(event.getOccurredAt());
		if (event.getType() == CampaignEventType.STATUS_CHANGED && event.getStatus() == CampaignStatus.SENT) {
			Long total = event.getCounts().get(TOTAL);
			if (total == null || total < 0) {
				log.warn("Campaign {} announced SENT without counts.total; it cannot complete until it does", campaign);
				status(account, campaign, event.getStatus());
				return;
			}
			this.jdbc.sql("""
					INSERT INTO campaign_counters AS c (account_id, campaign_id, created_at, released_total,
					    released_at, campaign_status)
					VALUES (?, ?, ?, ?, ?, 'SENT')
					ON CONFLICT (account_id, campaign_id) DO UPDATE SET
					    released_total = EXCLUDED.released_total,
					    released_at = EXCLUDED.released_at,
					    campaign_status = CASE WHEN c.completed_at IS NULL THEN 'SENT' ELSE c.campaign_status END,
					    created_at = LEAST(c.created_at, EXCLUDED.created_at)
					""").params(account, campaign, at, total, at).update();
		}
		else if (event.getType() == CampaignEventType.STATUS_CHANGED && event.getStatus() == CampaignStatus.FAILED) {
			ended(account, campaign, CampaignStatus.FAILED, at,
					(event.getReason() != null) ? event.getReason() : "FAILED");
		}
		else if (event.getType() == CampaignEventType.STATUS_CHANGED && event.getStatus() != CampaignStatus.UNKNOWN) {
			status(account, campaign, event.getStatus());
		}
		else if (event.getType() == CampaignEventType.COMPLETED) {
			String reason = (event.getReason() != null) ? event.getReason() : "UNKNOWN";
			ended(account, campaign, CampaignStatus.DONE, at, reason);
			this.jdbc.sql("""
					INSERT INTO campaign_completion (account_id, campaign_id, reason, completed_at)
					VALUES (?, ?, ?, ?)
					ON CONFLICT (account_id, campaign_id) DO NOTHING
					""").params(account, campaign, reason, at).update();
		}
	}

	/**
	 * Lists the campaign as ended ({@code DONE} or {@code FAILED}) at {@code at} for
	 * {@code reason}, creating its row if no text named it yet. The first end recorded
	 * keeps its time and reason; {@code DONE} always sets the status, {@code FAILED} only
	 * on a campaign not ended yet.
	 */
	private void ended(String account, String campaign, CampaignStatus status, OffsetDateTime at, String reason) {
		this.jdbc.sql("""
				INSERT INTO campaign_counters AS c (account_id, campaign_id, created_at, campaign_status,
				    completed_at, completion_reason)
				VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (account_id, campaign_id) DO UPDATE SET
				    completed_at = COALESCE(c.completed_at, EXCLUDED.completed_at),
				    completion_reason = COALESCE(c.completion_reason, EXCLUDED.completion_reason),
				    campaign_status = CASE WHEN c.completed_at IS NULL OR EXCLUDED.campaign_status = 'DONE'
				        THEN EXCLUDED.campaign_status ELSE c.campaign_status END
				""").params(account, campaign, at, status.name(), at, reason).update();
	}

	private void status(String account, String campaign, CampaignStatus status) {
		this.jdbc.sql("""
				UPDATE campaign_counters SET campaign_status = ?
				WHERE account_id = ? AND campaign_id = ? AND completed_at IS NULL
				""").params(status.name(), account, campaign).update();
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
