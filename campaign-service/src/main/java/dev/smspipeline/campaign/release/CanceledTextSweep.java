package dev.smspipeline.campaign.release;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.campaign.Campaign;
import dev.smspipeline.campaign.campaign.CampaignStore;
import dev.smspipeline.campaign.campaign.CampaignTexts;
import dev.smspipeline.campaign.message.Senders;
import dev.smspipeline.campaign.message.Texts;
import dev.smspipeline.campaign.outbox.Outbox;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.schemas.Topics;

/**
 * Ends the held texts of canceled campaigns CANCELED ({@code CAMPAIGN_CANCELED}), every
 * {@code interval}: one campaign per round, claimed {@code FOR NO KEY UPDATE SKIP
 * LOCKED}, at most {@code sweep-batch-size} texts per transaction, each with its CANCELED
 * status in the outbox in the same transaction. A campaign stays pending until a round
 * finds fewer held texts than a batch.
 */
@Component
class CanceledTextSweep {

	/** Reason code of a text canceled with its campaign. */
	static final String CAMPAIGN_CANCELED = "CAMPAIGN_CANCELED";

	private static final Logger log = LoggerFactory.getLogger(CanceledTextSweep.class);

	private final CampaignStore campaigns;

	private final CampaignTexts texts;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final Senders senders;

	private final ReleaseSettings settings;

	private final Clock clock;

	CanceledTextSweep(CampaignStore campaigns, CampaignTexts texts, TransactionTemplate transactions, Outbox outbox,
			Senders senders, ReleaseSettings settings, Clock clock) {
		this.campaigns = campaigns;
		this.texts = texts;
		this.transactions = transactions;
		this.outbox = outbox;
		this.senders = senders;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${sms.campaigns.release.interval:200ms}")
	void run() {
		if (!this.settings.enabled()) {
			return;
		}
		try {
			sweep();
		}
		catch (RuntimeException ex) {
			log.warn("Sweeping canceled campaigns failed; the next round tries again: {}", ex.toString());
		}
	}

	/** Cancels a batch of one canceled campaign's held texts; returns how many. */
	int sweep() {
		Integer swept = this.transactions.execute((status) -> {
			Campaign campaign = this.campaigns.claimCancelPending().orElse(null);
			if (campaign == null) {
				return 0;
			}
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
			String sender = this.senders.senderFor(campaign.accountId(), campaign.definition().sender());
			List<Outbox.Entry> records = new ArrayList<>();
			for (CampaignTexts.CanceledText text : this.texts.cancelHeld(campaign.id(), CAMPAIGN_CANCELED,
					this.settings.sweepBatchSize())) {
				DeliveryStatus canceled = Texts
					.status(text.id(), campaign.accountId(), campaign.id().toString(), text.recipient(), sender,
							MessageStatus.CANCELED, now)
					.setSegments(text.segments())
					.setReasonCode(CAMPAIGN_CANCELED)
					.build();
				records.add(new Outbox.Entry(Topics.DELIVERY_STATUS, canceled.getMessageId(), canceled));
			}
			this.outbox.addAll(records);
			if (records.size() < this.settings.sweepBatchSize()) {
				this.campaigns.canceledAllHeld(campaign.id());
			}
			return records.size();
		});
		return (swept != null) ? swept : 0;
	}

}
