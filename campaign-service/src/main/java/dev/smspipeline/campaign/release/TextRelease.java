package dev.smspipeline.campaign.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.admission.Admission;
import dev.smspipeline.campaign.admission.AdmissionPolicy;
import dev.smspipeline.campaign.admission.TextFacts;
import dev.smspipeline.campaign.admission.Timing;
import dev.smspipeline.campaign.campaign.CampaignTexts;
import dev.smspipeline.campaign.campaign.CampaignTexts.DueText;
import dev.smspipeline.campaign.consent.OptOuts;
import dev.smspipeline.campaign.message.Senders;
import dev.smspipeline.campaign.message.Texts;
import dev.smspipeline.campaign.outbox.Outbox;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.events.TrafficClass;
import dev.smspipeline.schemas.EventIds;
import dev.smspipeline.schemas.Topics;

/**
 * Releases one campaign's due texts, in one transaction per call:
 * <ul>
 * <li><b>Claim:</b> the campaign's earliest due texts, {@code FOR UPDATE OF} the texts
 * {@code SKIP LOCKED} and {@code FOR KEY SHARE OF} the campaign {@code SKIP LOCKED}
 * ({@link CampaignTexts#claimDue}): several instances release disjoint texts, and a
 * campaign being canceled (which locks it {@code FOR UPDATE}) has nothing released
 * meanwhile.</li>
 * <li><b>Check again at release</b> ({@link AdmissionPolicy}): a text whose recipient
 * opted out of the account's texts since the campaign was processed (a STOP mid-campaign)
 * ends REJECTED ({@code OPTED_OUT}); a text whose validity passed ends EXPIRED; one that
 * fell into quiet hours (the release ran late) is held to the next allowed minute (a new
 * SCHEDULED) or EXPIRED; one whose recipient got a campaign text of the account within
 * the campaign's smart sending window ends CANCELED ({@code SMART_SENDING_WINDOW}).</li>
 * <li><b>Release:</b> its {@code MessageRequested}, built as the one-off path builds it
 * (source CAMPAIGN, priority BULK, the campaign id, the rendered body, segments,
 * {@code notBefore} = its release time, {@code expiresAt}), goes to the outbox and the
 * text becomes RELEASED, in the same transaction: a crash before the commit releases
 * nothing, and the outbox publishes it exactly once.</li>
 * </ul>
 * How many texts, and of which campaign, is {@link ReleasePoller}'s call.
 */
@Component
public class TextRelease {

	private final CampaignTexts texts;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final Senders senders;

	private final OptOuts optOuts;

	private final Clock clock;

	private final Counter released;

	TextRelease(CampaignTexts texts, TransactionTemplate transactions, Outbox outbox, Senders senders, OptOuts optOuts,
			Clock clock, MeterRegistry meters) {
		this.texts = texts;
		this.transactions = transactions;
		this.outbox = outbox;
		this.senders = senders;
		this.optOuts = optOuts;
		this.clock = clock;
		this.released = Counter.builder("sms.campaign.texts.released")
			.description("Campaign texts handed to dispatch")
			.register(meters);
	}

	/**
	 * Claims and handles up to {@code limit} due texts of a campaign in one transaction.
	 * @param campaignId the campaign
	 * @param limit most texts
	 * @return how many were claimed (released, or ended or held again by the checks)
	 */
	int release(UUID campaignId, int limit) {
		Integer claimed = this.transactions.execute((status) -> {
			Instant now = now();
			List<DueText> due = this.texts.claimDue(campaignId, now, limit);
			if (due.isEmpty()) {
				return 0;
			}
			Set<String> optedOut = this.optOuts.optedOutKeys(due, DueText::accountId, DueText::recipient);
			Set<String> recentlyTexted = recentlyTexted(due, now);
			Map<UUID, Admission> decided = new LinkedHashMap<>();
			List<Outbox.Entry> records = new ArrayList<>(due.size());
			int releasedNow = 0;
			for (DueText text : due) {
				Admission admission = AdmissionPolicy.decide(new DueFacts(text, now, optedOut, recentlyTexted));
				decided.put(text.id(), admission);
				records.add(record(text, admission, now));
				if (admission instanceof Admission.Send) {
					releasedNow++;
				}
			}
			this.texts.decided(decided, now);
			this.outbox.addAll(records);
			this.released.increment(releasedNow);
			return due.size();
		});
		return (claimed != null) ? claimed : 0;
	}

	private Outbox.Entry record(DueText text, Admission admission, Instant now) {
		String sender = this.senders.senderFor(text.accountId(), text.sender());
		String id = text.id().toString();
		if (admission instanceof Admission.Send) {
			MessageRequested request = Texts.request(new Texts.Text(id, text.accountId(), text.campaignId().toString(),
					text.recipient(), sender, text.body(), text.segments(), null, now, text.releaseAt(),
					text.expiresAt(), RequestSource.CAMPAIGN, text.attributes(), TrafficClass.BULK));
			return new Outbox.Entry(Topics.MESSAGE_REQUESTED, text.recipient(), request);
		}
		DeliveryStatus.Builder status = Texts
			.status(id, text.accountId(), text.campaignId().toString(), text.recipient(), sender, admission.status(),
					now)
			.setSegments(text.segments())
			.setReasonCode(admission.reasonCode());
		if (admission instanceof Admission.HoldUntil hold) {
			status.setEventId(EventIds.held(id, hold.releaseAt()))
				.setAttributes(Map.of("releaseAt", hold.releaseAt().toString(), "expiresAt",
						text.expiresAt().toString(), "reason", "held through quiet hours"));
		}
		else {
			status.setAttributes(Map.of("reason", reason(admission)));
		}
		return new Outbox.Entry(Topics.DELIVERY_STATUS, id, status.build());
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

	/**
	 * The recipients (as {@code account:recipient}) of texts in {@code due} whose
	 * campaign has a smart sending window and who got a campaign text of the account
	 * within it.
	 */
	private Set<String> recentlyTexted(List<DueText> due, Instant now) {
		Map<Duration, List<DueText>> byWindow = new HashMap<>();
		for (DueText text : due) {
			if (text.smartSendingWindow() != null) {
				byWindow.computeIfAbsent(text.smartSendingWindow(), (window) -> new ArrayList<>()).add(text);
			}
		}
		Set<String> recent = new HashSet<>();
		byWindow.forEach((window, texts) -> {
			Map<String, List<String>> byAccount = new HashMap<>();
			texts.forEach((text) -> byAccount.computeIfAbsent(text.accountId(), (account) -> new ArrayList<>())
				.add(text.recipient()));
			byAccount.forEach((account, recipients) -> this.texts.releasedSince(account, recipients, now.minus(window))
				.forEach((recipient) -> recent.add(account + ":" + recipient)));
		});
		return recent;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * What the policy needs to know about a due text. A recipient counts as recently
	 * texted once a text of the batch to them goes out, so a batch releases at most one
	 * text per recipient and window.
	 */
	private record DueFacts(DueText text, Instant now, Set<String> optedOutKeys,
			Set<String> recentlyTextedKeys) implements TextFacts {

		@Override
		public Optional<String> optedOut() {
			return OptOuts.refusalAtRelease(this.optedOutKeys, this.text.accountId(), this.text.recipient());
		}

		@Override
		public Timing timing() {
			return new Timing.Due(this.now, this.text.releaseAt(), this.text.expiresAt(), this.text.quietHours(),
					this.text.zones());
		}

		@Override
		public Optional<Duration> smartSendingWindow() {
			return Optional.ofNullable(this.text.smartSendingWindow());
		}

		@Override
		public boolean recentlyTexted() {
			return !this.recentlyTextedKeys.add(this.text.accountId() + ":" + this.text.recipient());
		}

	}

}
