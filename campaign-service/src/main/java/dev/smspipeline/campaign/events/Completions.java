package dev.smspipeline.campaign.events;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.campaign.Campaign;
import dev.smspipeline.campaign.campaign.CampaignStore;
import dev.smspipeline.campaign.campaign.Lifecycle;
import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignStatus;

/**
 * SENT → DONE when status-service completed the campaign.
 */
@Component
class Completions {

	private static final Logger log = LoggerFactory.getLogger(Completions.class);

	private final CampaignStore campaigns;

	private final Lifecycle lifecycle;

	private final TransactionTemplate transactions;

	Completions(CampaignStore campaigns, Lifecycle lifecycle, TransactionTemplate transactions) {
		this.campaigns = campaigns;
		this.lifecycle = lifecycle;
		this.transactions = transactions;
	}

	void completed(CampaignEvent event) {
		UUID id;
		try {
			id = UUID.fromString(event.getCampaignId());
		}
		catch (IllegalArgumentException ex) {
			log.warn("Skipping COMPLETED for campaign '{}': not one of ours", event.getCampaignId());
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			Campaign campaign = this.campaigns.lock(event.getAccountId(), id).orElse(null);
			if (campaign == null) {
				log.warn("Skipping COMPLETED for campaign {} of account {}: no such campaign", id,
						event.getAccountId());
				return;
			}
			if (campaign.status() == CampaignStatus.SENT) {
				this.lifecycle.transition(campaign, CampaignStatus.DONE, event.getReason(), event.getCounts());
				this.campaigns.saveFinalCounts(id, event.getCounts());
			}
			else if (campaign.status() != CampaignStatus.DONE) {
				log.warn("Skipping COMPLETED for campaign {}: it is {}, not SENT", id, campaign.status());
			}
		});
	}

}
