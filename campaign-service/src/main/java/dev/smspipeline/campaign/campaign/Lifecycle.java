package dev.smspipeline.campaign.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smspipeline.campaign.outbox.Outbox;
import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.schemas.EventIds;
import dev.smspipeline.schemas.Topics;

/**
 * The one place a campaign's status changes. Every transition is checked against
 * docs/contracts.md's lifecycle, bumps the campaign's version, stamps its timeline and
 * writes a {@code STATUS_CHANGED} event (event id {@code <campaignId>:<version>}, with
 * the counts campaign-service knows) to the outbox, in the caller's transaction. The
 * caller holds the campaign's row lock.
 *
 * <pre>
 * DRAFT → SCHEDULED → PROCESSING → SENDING → SENT → DONE
 * SCHEDULED → DRAFT (canceled before it started)
 * PROCESSING, SENDING → CANCELED
 * PROCESSING → FAILED (nobody left to send to)
 * </pre>
 */
@Component
public class Lifecycle {

	private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

	private static final Map<CampaignStatus, Set<CampaignStatus>> ALLOWED = Map.of(CampaignStatus.DRAFT,
			EnumSet.of(CampaignStatus.SCHEDULED), CampaignStatus.SCHEDULED,
			EnumSet.of(CampaignStatus.DRAFT, CampaignStatus.PROCESSING), CampaignStatus.PROCESSING,
			EnumSet.of(CampaignStatus.SENDING, CampaignStatus.FAILED, CampaignStatus.CANCELED), CampaignStatus.SENDING,
			EnumSet.of(CampaignStatus.SENT, CampaignStatus.CANCELED), CampaignStatus.SENT,
			EnumSet.of(CampaignStatus.DONE));

	private final JdbcTemplate jdbc;

	private final CampaignTexts texts;

	private final Outbox outbox;

	private final Clock clock;

	Lifecycle(JdbcTemplate jdbc, CampaignTexts texts, Outbox outbox, Clock clock) {
		this.jdbc = jdbc;
		this.texts = texts;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** Whether docs/contracts.md's lifecycle allows {@code from} → {@code to}. */
	public static boolean allowed(CampaignStatus from, CampaignStatus to) {
		return ALLOWED.getOrDefault(from, Set.of()).contains(to);
	}

	/**
	 * Moves a locked campaign to {@code to}.
	 * @param campaign the campaign as locked
	 * @param to the new status
	 * @param reason why, for the event and (FAILED, DONE, CANCELED) the campaign
	 * @param counts the counts to publish; {@code null} counts the campaign's texts
	 * @return the counts published
	 */
	public Map<String, Long> transition(Campaign campaign, CampaignStatus to, String reason, Map<String, Long> counts) {
		if (!allowed(campaign.status(), to)) {
			throw new IllegalStateException(
					"Campaign " + campaign.id() + " cannot go from " + campaign.status() + " to " + to);
		}
		Instant now = now();
		Map<String, Long> published = (counts != null) ? counts : this.texts.counts(campaign.id()).asMap();
		int version = campaign.version() + 1;
		String stamp = switch (to) {
			case SCHEDULED -> "activated_at";
			case PROCESSING -> "processing_at";
			case SENDING -> "sending_at";
			case SENT -> "sent_at";
			case DONE -> "done_at";
			case CANCELED -> "canceled_at";
			case FAILED -> "failed_at";
			default -> "updated_at";
		};
		boolean keepsReason = to == CampaignStatus.FAILED || to == CampaignStatus.CANCELED || to == CampaignStatus.DONE;
		String stampColumn = stamp.equals("updated_at") ? "" : ", " + stamp + " = ?";
		List<Object> args = new ArrayList<>(List.of(to.name(), version, CampaignStore.timestamp(now)));
		if (!stampColumn.isEmpty()) {
			args.add(CampaignStore.timestamp(now));
		}
		args.add(keepsReason ? reason : null);
		args.add(campaign.id());
		this.jdbc.update("UPDATE campaign SET status = ?, version = ?, updated_at = ?" + stampColumn
				+ ", failure_reason = ? WHERE id = ?", args.toArray());
		this.outbox.add(Topics.CAMPAIGN_EVENTS, campaign.id().toString(), event(campaign, version,
				CampaignEventType.STATUS_CHANGED, to, campaign.status(), reason, published, null, now));
		log.info("Campaign {} of account {}: {} -> {}{}", campaign.id(), campaign.accountId(), campaign.status(), to,
				(reason != null) ? " (" + reason + ")" : "");
		return published;
	}

	/**
	 * Publishes the creation of a campaign as a DRAFT (version 1).
	 * @param campaign the new campaign
	 */
	void created(Campaign campaign) {
		this.outbox.add(Topics.CAMPAIGN_EVENTS, campaign.id().toString(), event(campaign, 1,
				CampaignEventType.STATUS_CHANGED, CampaignStatus.DRAFT, null, "CREATED", Map.of(), null, now()));
	}

	/**
	 * Publishes that a lead was deleted from a running campaign, for dispatch to drop the
	 * texts it holds for them. Not a transition: the version stays.
	 * @param campaign the campaign, locked
	 * @param recipient the lead's E.164
	 */
	public void recipientDeleted(Campaign campaign, String recipient) {
		this.outbox.add(Topics.CAMPAIGN_EVENTS, campaign.id().toString(),
				eventBuilder(campaign, campaign.version(), CampaignEventType.RECIPIENT_DELETED, campaign.status(), null,
						"LEAD_DELETED", Map.of(), recipient, now())
					.setEventId(EventIds.recipientDeleted(campaign.id().toString(), recipient))
					.build());
	}

	private CampaignEvent.Builder eventBuilder(Campaign campaign, int version, CampaignEventType type,
			CampaignStatus status, CampaignStatus previous, String reason, Map<String, Long> counts, String recipient,
			Instant now) {
		return CampaignEvent.newBuilder()
			.setEventId(EventIds.campaignTransition(campaign.id().toString(), version))
			.setCampaignId(campaign.id().toString())
			.setAccountId(campaign.accountId())
			.setType(type)
			.setStatus(status)
			.setPreviousStatus(previous)
			.setReason(reason)
			.setRecipient(recipient)
			.setCounts(counts)
			.setOccurredAt(now);
	}

	private CampaignEvent event(Campaign campaign, int version, CampaignEventType type, CampaignStatus status,
			CampaignStatus previous, String reason, Map<String, Long> counts, String recipient, Instant now) {
		return eventBuilder(campaign, version, type, status, previous, reason, counts, recipient, now).build();
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
