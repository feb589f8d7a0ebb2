package dev.smspipeline.campaign.message;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.admission.Admission;
import dev.smspipeline.campaign.admission.AdmissionPolicy;
import dev.smspipeline.campaign.admission.TextFacts;
import dev.smspipeline.campaign.admission.Timing;
import dev.smspipeline.campaign.consent.OptOuts;
import dev.smspipeline.campaign.outbox.Outbox;
import dev.smspipeline.campaign.schedule.QuietHours;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.schemas.EventIds;
import dev.smspipeline.schemas.Topics;

/**
 * Releases held one-off texts ({@link HeldOneOffs}) when they fall due, every
 * {@code sms.messages.hold.interval}:
 * <ul>
 * <li><b>Claim:</b> the earliest due rows, {@code FOR UPDATE SKIP LOCKED}, at most
 * {@code batch-size} per transaction: several instances release disjoint texts.</li>
 * <li><b>Check again at release</b> ({@link AdmissionPolicy}, as campaign texts are): a
 * recipient who opted out of the account's texts since the request ends REJECTED
 * ({@code OPTED_OUT}); a text whose validity passed ends EXPIRED
 * ({@code VALIDITY_PASSED}); one that fell into quiet hours again (the release ran late)
 * is held to the next allowed minute (a new SCHEDULED) or EXPIRED
 * ({@code QUIET_HOURS_OUTLAST_VALIDITY}).</li>
 * <li><b>Release:</b> its {@code MessageRequested}, with the id, idempotency key, source
 * and priority of the request, goes to the outbox and the row is deleted, in one
 * transaction: a crash before the commit releases nothing, and the outbox publishes it
 * exactly once.</li>
 * </ul>
 */
@Component
class OneOffRelease {

	private static final Logger log = LoggerFactory.getLogger(OneOffRelease.class);

	private final HeldOneOffs held;

	private final OptOuts optOuts;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final HoldSettings settings;

	private final Clock clock;

	private final Counter released;

	OneOffRelease(HeldOneOffs held, OptOuts optOuts, Outbox outbox, TransactionTemplate transactions,
			HoldSettings settings, Clock clock, MeterRegistry meters) {
		this.held = held;
		this.optOuts = optOuts;
		this.outbox = outbox;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
		this.released = Counter.builder("sms.requests.released")
			.description("Held one-off texts handed to dispatch")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${sms.messages.hold.interval:1s}")
	void run() {
		if (!this.settings.enabled()) {
			return;
		}
		try {
			while (releaseBatch() == this.settings.batchSize()) {
				// A full batch: there may be more due.
			}
		}
		catch (RuntimeException ex) {
			log.warn("Release of held one-offs failed; the next round tries again: {}", ex.toString());
		}
	}

	/**
	 * Claims and handles up to a batch of due texts in one transaction.
	 * @return how many were claimed
	 */
	int releaseBatch() {
		Integer claimed = this.transactions.execute((status) -> {
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
			List<HeldOneOffs.Held> due = this.held.claimDue(now, this.settings.batchSize());
			if (due.isEmpty()) {
				return 0;
			}
			Set<String> optedOut = this.optOuts.optedOutKeys(due, HeldOneOffs.Held::accountId,
					HeldOneOffs.Held::recipient);
			List<Outbox.Entry> records = new ArrayList<>(due.size());
			List<String> done = new ArrayList<>(due.size());
			int releasedNow = 0;
			for (HeldOneOffs.Held text : due) {
				Admission admission = AdmissionPolicy.decide(new DueFacts(text, now, optedOut));
				records.add(record(text, admission, now));
				if (admission instanceof Admission.HoldUntil hold) {
					this.held.postpone(text.messageId(), hold.releaseAt());
				}
				else {
					done.add(text.messageId());
				}
				if (admission instanceof Admission.Send) {
					releasedNow++;
				}
			}
			this.held.remove(done);
			this.outbox.addAll(records);
			this.released.increment(releasedNow);
			return due.size();
		});
		return (claimed != null) ? claimed : 0;
	}

	private Outbox.Entry record(HeldOneOffs.Held text, Admission admission, Instant now) {
		if (admission instanceof Admission.Send) {
			MessageRequested request = Texts
				.request(new Texts.Text(text.messageId(), text.accountId(), text.campaignId(), text.recipient(),
						text.sender(), text.body(), text.segments(), text.idempotencyKey(), text.requestedAt(),
						text.releaseAt(), text.expiresAt(), text.source(), text.attributes(), text.priority()));
			return new Outbox.Entry(Topics.MESSAGE_REQUESTED, text.recipient(), request);
		}
		Map<String, String> attributes = new HashMap<>();
		if (text.idempotencyKey() != null) {
			attributes.put(OneOffMessages.IDEMPOTENCY_KEY, text.idempotencyKey());
		}
		DeliveryStatus.Builder status = Texts
			.status(text.messageId(), text.accountId(), text.campaignId(), text.recipient(), text.sender(),
					admission.status(), now)
			.setSegments(text.segments())
			.setReasonCode(admission.reasonCode());
		if (admission instanceof Admission.HoldUntil hold) {
			attributes.put("releaseAt", hold.releaseAt().toString());
			attributes.put("expiresAt", text.expiresAt().toString());
			attributes.put("reason", "held through quiet hours");
			status.setEventId(EventIds.held(text.messageId(), hold.releaseAt()));
		}
		else if (admission instanceof Admission.Reject reject) {
			attributes.put("reason", reject.reason());
		}
		else if (admission instanceof Admission.Expire expire) {
			attributes.put("reason", expire.reason());
		}
		return new Outbox.Entry(Topics.DELIVERY_STATUS, text.messageId(), status.setAttributes(attributes).build());
	}

	/** What the policy needs to know about a due one-off. */
	private record DueFacts(HeldOneOffs.Held text, Instant now, Set<String> optedOutKeys) implements TextFacts {

		@Override
		public Optional<String> optedOut() {
			return OptOuts.refusalAtRelease(this.optedOutKeys, this.text.accountId(), this.text.recipient());
		}

		@Override
		public Timing timing() {
			return new Timing.Due(this.now, this.text.releaseAt(), this.text.expiresAt(),
					this.text.respectQuietHours() ? QuietHours.DEFAULT : QuietHours.OFF, this.text.zones());
		}

	}

}
