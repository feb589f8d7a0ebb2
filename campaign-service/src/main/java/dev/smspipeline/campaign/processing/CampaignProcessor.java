package dev.smspipeline.campaign.processing;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.admission.Admission;
import dev.smspipeline.campaign.admission.AdmissionPolicy;
import dev.smspipeline.campaign.admission.TextFacts;
import dev.smspipeline.campaign.admission.Timing;
import dev.smspipeline.campaign.campaign.Campaign;
import dev.smspipeline.campaign.campaign.CampaignCounts;
import dev.smspipeline.campaign.campaign.CampaignStore;
import dev.smspipeline.campaign.campaign.CampaignTexts;
import dev.smspipeline.campaign.campaign.Lifecycle;
import dev.smspipeline.campaign.campaign.MessageState;
import dev.smspipeline.campaign.consent.OptOuts;
import dev.smspipeline.campaign.content.ContentRules;
import dev.smspipeline.campaign.content.ContentViolation;
import dev.smspipeline.campaign.limits.Quota;
import dev.smspipeline.campaign.limits.TrialRecipients;
import dev.smspipeline.campaign.message.MessageSettings;
import dev.smspipeline.campaign.message.Senders;
import dev.smspipeline.platform.sms.SmsSegments;
import dev.smspipeline.campaign.message.Template;
import dev.smspipeline.campaign.message.Texts;
import dev.smspipeline.campaign.outbox.Outbox;
import dev.smspipeline.campaign.recipient.PhoneNumbers;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.schemas.Topics;

/**
 * Runs activated campaigns up to SENDING:
 * <ol>
 * <li>a SCHEDULED campaign whose start time came becomes PROCESSING;</li>
 * <li>its audience is read in {@code batch-size} pieces (by number, from where the last
 * piece ended), each piece in one transaction that creates its texts in
 * {@code campaign_message} and writes their first status to the outbox: SCHEDULED with
 * {@code releaseAt} and {@code expiresAt} in its attributes, REJECTED with the reason
 * code (invalid number, country not allowed, {@code OPTED_OUT} for a recipient on the
 * account's suppression list, {@code TOO_LONG}, {@code CONTENT_POLICY} with the rule for
 * a rendered body that breaks a content rule), or EXPIRED when quiet hours would hold it
 * past its validity;</li>
 * <li>when the audience is done it becomes SENDING, or FAILED with a reason when no text
 * is left to send.</li>
 * <li>the account's limits: a trial account's text to a number it has not verified ends
 * REJECTED {@code TRIAL_RECIPIENT}; a campaign that would pass the sending quota does not
 * start (FAILED {@code SENDING_LIMIT}), and texts of a piece that no longer fit end
 * REJECTED {@code SENDING_LIMIT} ({@link CampaignQuota}).</li>
 * </ol>
 * Text ids are {@code UUID.nameUUIDFromBytes("<campaign>:<number>")} and inserted with
 * {@code ON CONFLICT DO NOTHING}, so a piece processed twice (a crash before its commit)
 * creates no second text and publishes no second status. Safe with several instances: a
 * campaign is claimed {@code FOR NO KEY UPDATE SKIP LOCKED} per piece.
 */
@Component
public class CampaignProcessor {

	private static final Logger log = LoggerFactory.getLogger(CampaignProcessor.class);

	private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final CampaignStore campaigns;

	private final CampaignTexts texts;

	private final Lifecycle lifecycle;

	private final Outbox outbox;

	private final MessageSettings messages;

	private final Senders senders;

	private final OptOuts optOuts;

	private final ContentRules contentRules;

	private final PhoneNumbers phoneNumbers;

	private final ProcessingSettings settings;

	private final JsonMapper json;

	private final TrialRecipients trial;

	private final CampaignQuota quota;

	private final Clock clock;

	CampaignProcessor(JdbcTemplate jdbc, TransactionTemplate transactions, CampaignStore campaigns, CampaignTexts texts,
			Lifecycle lifecycle, Outbox outbox, MessageSettings messages, Senders senders, OptOuts optOuts,
			ContentRules contentRules, PhoneNumbers phoneNumbers, ProcessingSettings settings, JsonMapper json,
			Clock clock, TrialRecipients trial, CampaignQuota quota) {
		this.trial = trial;
		this.quota = quota;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.campaigns = campaigns;
		this.texts = texts;
		this.lifecycle = lifecycle;
		this.outbox = outbox;
		this.messages = messages;
		this.senders = senders;
		this.optOuts = optOuts;
		this.contentRules = contentRules;
		this.phoneNumbers = phoneNumbers;
		this.settings = settings;
		this.json = json;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${sms.campaigns.processing.interval:500ms}")
	void run() {
		if (!this.settings.enabled()) {
			return;
		}
		try {
			startDue();
			Instant until = Instant.now().plus(this.settings.maxRound());
			while (processOnePiece() && Instant.now().isBefore(until)) {
				// Next piece, of this campaign or another.
			}
		}
		catch (RuntimeException ex) {
			log.warn("Campaign processing failed; the next round tries again: {}", ex.toString());
		}
	}

	/** Moves due SCHEDULED campaigns to PROCESSING; returns how many. */
	int startDue() {
		Integer started = this.transactions.execute((status) -> {
			Instant now = now();
			List<Campaign> due = this.campaigns.claimDueToStart(now);
			for (Campaign campaign : due) {
				this.lifecycle.transition(campaign, CampaignStatus.PROCESSING, null, Map.of());
				Optional<Quota.Refusal> overQuota = this.quota.refusalAtStart(campaign, now);
				if (overQuota.isPresent()) {
					Campaign processing = this.campaigns.lockShared(campaign.id()).orElseThrow();
					this.lifecycle.transition(processing, CampaignStatus.FAILED,
							Quota.SENDING_LIMIT + ": " + overQuota.get().detail(), Map.of());
				}
			}
			return due.size();
		});
		return (started != null) ? started : 0;
	}

	/** Processes one piece of one PROCESSING campaign; {@code false} when none is. */
	boolean processOnePiece() {
		Boolean worked = this.transactions.execute((status) -> {
			Campaign campaign = this.campaigns.claimProcessing().orElse(null);
			if (campaign == null) {
				return false;
			}
			List<Member> members = this.jdbc.query("""
					SELECT phone_key, e164, reject_code, reject_reason, time_zones, attributes::text
					FROM audience_member WHERE campaign_id = ? AND phone_key > ?
					ORDER BY phone_key LIMIT ?
					""", (row, n) -> member(row), campaign.id(),
					(campaign.processedKey() != null) ? campaign.processedKey() : "", this.settings.batchSize());
			Instant now = now();
			if (!members.isEmpty()) {
				schedule(campaign, members, now);
			}
			this.campaigns.processedUpTo(campaign.id(),
					members.isEmpty() ? campaign.processedKey() : members.get(members.size() - 1).key(), now);
			if (members.size() < this.settings.batchSize()) {
				finish(campaign);
			}
			return true;
		});
		return Boolean.TRUE.equals(worked);
	}

	private void schedule(Campaign campaign, List<Member> members, Instant now) {
		Campaign.Definition definition = campaign.definition();
		Template template = Template.compile(definition.body());
		String sender = this.senders.senderFor(campaign.accountId(), definition.sender());
		Instant startedAt = (campaign.startAt() != null) ? campaign.startAt() : now;
		Set<String> optedOut = this.optOuts.optedOut(campaign.accountId(),
				members.stream().map(Member::e164).filter((e164) -> e164 != null).toList());
		List<Text> texts = new ArrayList<>(members.size());
		for (Member member : members) {
			texts.add(text(campaign, definition, template, startedAt, member, optedOut));
		}
		List<Text> sendable = texts.stream()
			.filter((text) -> text.row().admission() instanceof Admission.HoldUntil)
			.toList();
		Optional<CampaignQuota.Over<Text>> over = this.quota.overQuota(campaign.accountId(), sendable,
				(text) -> text.row().segments(), now);
		if (over.isPresent()) {
			Set<Text> refused = Set.copyOf(over.get().texts());
			String reason = over.get().refusal().detail();
			texts.replaceAll((text) -> refused.contains(text) ? text.overQuota(reason) : text);
		}
		Set<String> inserted = this.texts.create(campaign.id(), campaign.accountId(),
				texts.stream().map(Text::row).toList(), now);
		List<Outbox.Entry> statuses = new ArrayList<>(inserted.size());
		for (Text text : texts) {
			CampaignTexts.NewText row = text.row();
			if (!inserted.contains(row.id().toString())) {
				continue;
			}
			var status = Texts
				.status(row.id().toString(), campaign.accountId(), campaign.id().toString(),
						(row.admission() instanceof Admission.Reject) ? text.e164() : row.recipient(), sender,
						row.admission().status(), now)
				.setSegments(row.segments())
				.setReasonCode(row.admission().reasonCode())
				.setAttributes(text.statusAttributes())
				.build();
			statuses.add(new Outbox.Entry(Topics.DELIVERY_STATUS, status.getMessageId(), status));
		}
		this.outbox.addAll(statuses);
	}

	private Text text(Campaign campaign, Campaign.Definition definition, Template template, Instant startedAt,
			Member member, Set<String> optedOut) {
		UUID id = CampaignTexts.messageId(campaign.id(), member.key());
		MemberFacts facts = new MemberFacts(campaign, definition, template, startedAt, member, optedOut);
		Admission admission = AdmissionPolicy.decide(facts);
		String body = (facts.rendered != null) ? facts.rendered.body() : null;
		int segments = (facts.rendered != null) ? facts.rendered.segments() : 0;
		String zones = (facts.rendered != null) ? member.timeZones() : null;
		if (admission instanceof Admission.Reject reject) {
			return new Text(
					new CampaignTexts.NewText(id, member.key(), admission, body, segments, zones, member.attributes(),
							null, null),
					member.e164(), (reject.rule() != null) ? Map.of("reason", reject.reason(), "rule", reject.rule())
							: Map.of("reason", reject.reason()));
		}
		if (admission instanceof Admission.Expire expire) {
			return new Text(
					new CampaignTexts.NewText(id, member.key(), admission, body, segments, zones, member.attributes(),
							null, expire.expiresAt()),
					member.e164(), Map.of("reason", expire.reason(), "expiresAt", expire.expiresAt().toString()));
		}
		Admission.HoldUntil hold = (Admission.HoldUntil) admission;
		return new Text(
				new CampaignTexts.NewText(id, member.key(), admission, body, segments, zones, member.attributes(),
						hold.releaseAt(), hold.expiresAt()),
				member.e164(), Map.of("releaseAt", hold.releaseAt().toString(), "expiresAt",
						hold.expiresAt().toString(), "timeZones", member.timeZones()));
	}

	private void finish(Campaign campaign) {
		Campaign current = this.campaigns.lockShared(campaign.id()).orElseThrow();
		CampaignCounts counts = this.texts.counts(campaign.id());
		long sendable = counts.of(MessageState.HELD) + counts.released();
		if (sendable > 0) {
			this.lifecycle.transition(current, CampaignStatus.SENDING, null, counts.asMap());
		}
		else {
			this.lifecycle.transition(current, CampaignStatus.FAILED,
					"NO_RECIPIENT_LEFT: no text is left to send after validation and scheduling ("
							+ counts.of(MessageState.REJECTED) + " rejected, " + counts.of(MessageState.EXPIRED)
							+ " expired, " + counts.of(MessageState.DELETED) + " deleted)",
					counts.asMap());
		}
	}

	private static List<ZoneId> zones(String joined) {
		List<ZoneId> zones = new ArrayList<>(2);
		for (String id : joined.split(",")) {
			zones.add(ZoneId.of(id));
		}
		return zones;
	}

	private static Member member(ResultSet row) throws java.sql.SQLException {
		return new Member(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
				row.getString(6));
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private record Member(String key, String e164, String rejectCode, String rejectReason, String timeZones,
			String attributes) {
	}

	/** A text to create, with what its first status says. */
	private record Text(CampaignTexts.NewText row, String e164, Map<String, String> statusAttributes) {

		/** This text refused because it would pass the account's sending quota. */
		Text overQuota(String reason) {
			return new Text(
					new CampaignTexts.NewText(this.row.id(), this.row.recipient(),
							new Admission.Reject(Quota.SENDING_LIMIT, reason, null), this.row.body(),
							this.row.segments(), this.row.timeZones(), this.row.attributes(), null, null),
					this.e164, Map.of("reason", reason));
		}

	}

	/** A rendered body. */
	private record Rendered(String body, int segments) {
	}

	/**
	 * What the policy needs to know about one audience member's text; renders the body
	 * only when asked, that is when the recipient may be texted.
	 */
	private final class MemberFacts implements TextFacts {

		private final Campaign campaign;

		private final Campaign.Definition definition;

		private final Template template;

		private final Instant startedAt;

		private final Member member;

		private final Set<String> optedOut;

		private Rendered rendered;

		MemberFacts(Campaign campaign, Campaign.Definition definition, Template template, Instant startedAt,
				Member member, Set<String> optedOut) {
			this.campaign = campaign;
			this.definition = definition;
			this.template = template;
			this.startedAt = startedAt;
			this.member = member;
			this.optedOut = optedOut;
		}

		@Override
		public Optional<Admission.Reject> numberRefused() {
			return (this.member.rejectCode() != null)
					? Optional.of(new Admission.Reject(this.member.rejectCode(), this.member.rejectReason(), null))
					: Optional.empty();
		}

		@Override
		public Optional<Admission.Reject> recipientRefused() {
			return CampaignProcessor.this.trial.refusal(this.campaign.accountId(), this.member.e164());
		}

		@Override
		public Optional<String> optedOut() {
			return this.optedOut.contains(this.member.e164())
					? Optional.of(this.member.e164() + " opted out of this account's texts") : Optional.empty();
		}

		@Override
		public int segments() {
			return rendered().segments();
		}

		@Override
		public int maxSegments() {
			return CampaignProcessor.this.messages.maxSegments();
		}

		@Override
		public Optional<ContentViolation> contentViolation() {
			return CampaignProcessor.this.contentRules.check(this.campaign.accountId(),
					CampaignProcessor.this.phoneNumbers.region(this.member.e164()), rendered().body());
		}

		@Override
		public Timing timing() {
			return new Timing.Scheduled(this.startedAt, this.definition.sendAt(), this.definition.sendAtLocalTime(),
					this.definition.quietHours(), this.definition.validity(), zones(this.member.timeZones()));
		}

		private Rendered rendered() {
			if (this.rendered == null) {
				Map<String, String> attributes = CampaignProcessor.this.json.readValue(this.member.attributes(),
						ATTRIBUTES);
				String body = this.template.render(attributes);
				this.rendered = new Rendered(body, SmsSegments.count(body));
			}
			return this.rendered;
		}

	}

}
