package dev.smspipeline.campaign.release;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.campaign.Campaign;
import dev.smspipeline.campaign.campaign.CampaignTexts;
import dev.smspipeline.campaign.campaign.Lifecycle;
import dev.smspipeline.events.CampaignStatus;

/**
 * Moves SENDING campaigns whose every text was submitted to the carrier or ended (none
 * held here, none left in dispatch) to SENT ({@code ALL_SUBMITTED}), every
 * {@code interval}, up to 20 per round, each claimed {@code FOR UPDATE SKIP LOCKED}. The
 * SENT event carries {@code counts.total}: every text of the campaign (each has had a
 * status published), which status-service waits for to complete it.
 */
@Component
class SentAnnouncement {

	private static final Logger log = LoggerFactory.getLogger(SentAnnouncement.class);

	private static final int CAMPAIGNS_PER_ROUND = 20;

	private final CampaignTexts texts;

	private final Lifecycle lifecycle;

	private final TransactionTemplate transactions;

	private final ReleaseSettings settings;

	SentAnnouncement(CampaignTexts texts, Lifecycle lifecycle, TransactionTemplate transactions,
			ReleaseSettings settings) {
		this.texts = texts;
		this.lifecycle = lifecycle;
		this.transactions = transactions;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${sms.campaigns.release.interval:200ms}")
	void run() {
		if (!this.settings.enabled()) {
			return;
		}
		try {
			announce();
		}
		catch (RuntimeException ex) {
			log.warn("Announcing SENT failed; the next round tries again: {}", ex.toString());
		}
	}

	/** Moves SENDING campaigns with nothing left to submit to SENT; returns how many. */
	int announce() {
		Integer sent = this.transactions.execute((status) -> {
			List<Campaign> done = this.texts.claimAllSubmitted(CAMPAIGNS_PER_ROUND);
			for (Campaign campaign : done) {
				this.lifecycle.transition(campaign, CampaignStatus.SENT, "ALL_SUBMITTED", null);
			}
			return done.size();
		});
		return (sent != null) ? sent : 0;
	}

}
