package dev.smspipeline.campaign.lead;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.campaign.Campaign;
import dev.smspipeline.campaign.campaign.CampaignStore;
import dev.smspipeline.campaign.campaign.CampaignTexts;
import dev.smspipeline.campaign.campaign.Lifecycle;
import dev.smspipeline.campaign.campaign.MessageState;
import dev.smspipeline.campaign.message.Senders;
import dev.smspipeline.campaign.message.Texts;
import dev.smspipeline.campaign.outbox.Outbox;
import dev.smspipeline.campaign.recipient.PhoneNumberCheck;
import dev.smspipeline.campaign.recipient.PhoneNumbers;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.Problems;
import dev.smspipeline.schemas.Topics;

/**
 * Deletes a lead from campaigns, in one transaction per call. Per campaign, by status:
 * <ul>
 * <li>DRAFT, SCHEDULED: the lead leaves the audience; nothing was sent.</li>
 * <li>PROCESSING, SENDING, SENT: its text ends DELETED, published CANCELED with
 * {@code LEAD_DELETED} if it was still held here (created DELETED if processing had not
 * reached it yet, so it is never created afterwards); a {@code RECIPIENT_DELETED} event
 * tells dispatch to drop the text if it was already released.</li>
 * <li>DONE, CANCELED, FAILED: nothing is left to stop.</li>
 * </ul>
 * The campaign is locked {@code FOR NO KEY UPDATE} (processing of that campaign waits),
 * its text {@code FOR UPDATE} (a release of that text waits, and then it is released, not
 * canceled: dispatch gets the RECIPIENT_DELETED event).
 */
@Service
class Leads {

	static final String LEAD_DELETED = "LEAD_DELETED";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final CampaignStore campaigns;

	private final CampaignTexts texts;

	private final Lifecycle lifecycle;

	private final Outbox outbox;

	private final PhoneNumbers phoneNumbers;

	private final Senders senders;

	private final Clock clock;

	Leads(JdbcTemplate jdbc, TransactionTemplate transactions, CampaignStore campaigns, CampaignTexts texts,
			Lifecycle lifecycle, Outbox outbox, PhoneNumbers phoneNumbers, Senders senders, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.campaigns = campaigns;
		this.texts = texts;
		this.lifecycle = lifecycle;
		this.outbox = outbox;
		this.phoneNumbers = phoneNumbers;
		this.senders = senders;
		this.clock = clock;
	}

	/** Deletes the lead from every campaign of the account. */
	LeadDeletion delete(AccountId account, String phone) {
		String e164 = e164(phone, "e164");
		return this.transactions.execute((status) -> {
			List<Campaign> affected = this.campaigns.lockWithMember(account.value(), e164);
			return delete(e164, affected);
		});
	}

	/** Deletes the lead from one campaign; 404 when it is not in its audience. */
	LeadDeletion deleteFrom(AccountId account, String campaignId, String phone) {
		UUID id = parse(campaignId);
		String e164 = e164(phone, "phone");
		return this.transactions.execute((status) -> {
			Campaign campaign = this.campaigns.lockShared(account.value(), id)
				.orElseThrow(() -> Problems.notFound("campaign", campaignId));
			Integer member = this.jdbc.queryForObject(
					"SELECT count(*) FROM audience_member WHERE campaign_id = ? AND phone_key = ?", Integer.class, id,
					e164);
			if (member == null || member == 0) {
				throw Problems.notFound("recipient of campaign " + campaignId, e164);
			}
			if (campaign.status() == CampaignStatus.DONE || campaign.status() == CampaignStatus.CANCELED
					|| campaign.status() == CampaignStatus.FAILED) {
				throw Problems.conflict("Campaign " + campaignId + " is " + campaign.status()
						+ "; it has nothing left to stop for " + e164 + ".");
			}
			return delete(e164, List.of(campaign));
		});
	}

	private LeadDeletion delete(String e164, List<Campaign> affected) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<LeadDeletion.Affected> results = new ArrayList<>();
		long canceled = 0;
		for (Campaign campaign : affected) {
			switch (campaign.status()) {
				case DRAFT, SCHEDULED -> {
					this.jdbc.update("DELETE FROM audience_member WHERE campaign_id = ? AND phone_key = ?",
							campaign.id(), e164);
					this.jdbc.update("UPDATE campaign SET audience_size = audience_size - 1 WHERE id = ?",
							campaign.id());
					results.add(new LeadDeletion.Affected(campaign.id().toString(), campaign.status().name(),
							"REMOVED_FROM_AUDIENCE"));
				}
				case PROCESSING, SENDING, SENT -> {
					boolean held = cancelText(campaign, e164, now);
					if (held) {
						canceled++;
					}
					this.lifecycle.recipientDeleted(campaign, e164);
					results.add(new LeadDeletion.Affected(campaign.id().toString(), campaign.status().name(),
							held ? "TEXT_CANCELED" : "DISPATCH_NOTIFIED"));
				}
				default -> results.add(new LeadDeletion.Affected(campaign.id().toString(), campaign.status().name(),
						"NOTHING_TO_STOP"));
			}
		}
		return new LeadDeletion(e164, results, canceled);
	}

	/** Ends the lead's text in the campaign DELETED if it was not released yet. */
	private boolean cancelText(Campaign campaign, String e164, Instant now) {
		UUID messageId = CampaignTexts.messageId(campaign.id(), e164);
		Optional<MessageState> state = this.texts.lockState(messageId);
		Integer segments;
		if (state.isEmpty()) {
			segments = 0;
			this.texts.createDeleted(messageId, campaign, e164, LEAD_DELETED, now);
		}
		else if (state.get() == MessageState.HELD) {
			segments = this.texts.delete(messageId, LEAD_DELETED);
		}
		else {
			return false;
		}
		DeliveryStatus status = Texts
			.status(messageId.toString(), campaign.accountId(), campaign.id().toString(), e164,
					this.senders.senderFor(campaign.accountId(), campaign.definition().sender()),
					MessageStatus.CANCELED, now)
			.setReasonCode(LEAD_DELETED)
			.setSegments(segments)
			.setAttributes(Map.of("reason", "the lead was deleted"))
			.build();
		this.outbox.add(Topics.DELIVERY_STATUS, status.getMessageId(), status);
		return true;
	}

	private String e164(String phone, String field) {
		PhoneNumberCheck check = this.phoneNumbers.check(phone);
		if (check instanceof PhoneNumberCheck.Accepted accepted) {
			return accepted.e164();
		}
		throw Problems.invalid(field, ((PhoneNumberCheck.Rejected) check).reason());
	}

	private static UUID parse(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw Problems.notFound("campaign", id);
		}
	}

}
