package dev.smspipeline.campaign.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.admission.Admission;
import dev.smspipeline.campaign.admission.AdmissionPolicy;
import dev.smspipeline.campaign.admission.Timing;
import dev.smspipeline.campaign.consent.OptOuts;
import dev.smspipeline.campaign.content.ContentRules;
import dev.smspipeline.campaign.content.ContentViolation;
import dev.smspipeline.campaign.dedupe.DuplicateTriggers;
import dev.smspipeline.campaign.idempotency.IdempotencyKeys;
import dev.smspipeline.campaign.idempotency.IdempotencySettings;
import dev.smspipeline.campaign.limits.Quota;
import dev.smspipeline.campaign.limits.SendingQuotas;
import dev.smspipeline.campaign.limits.TrialRecipients;
import dev.smspipeline.campaign.outbox.Outbox;
import dev.smspipeline.campaign.recipient.PhoneNumberCheck;
import dev.smspipeline.campaign.recipient.PhoneNumbers;
import dev.smspipeline.campaign.recipient.TimeZones;
import dev.smspipeline.campaign.schedule.QuietHours;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.FieldError;
import dev.smspipeline.platform.problem.Problems;
import dev.smspipeline.platform.sms.SmsSegments;
import dev.smspipeline.schemas.EventIds;
import dev.smspipeline.schemas.Topics;

/**
 * Turns a one-off request, from the API or from {@code crm.sms-requests}, into a text:
 * checks the number, the recipient's consent and the content, recognises a repeat (by
 * idempotency key) and a duplicate trigger (same recipient and body within the window),
 * and records what it decided. Every request that gets an answer gets it in one database
 * transaction:
 * <ol>
 * <li>the idempotency key, if any, is inserted first ({@link IdempotencyKeys}): a repeat
 * waits for the first request's transaction and answers what it answered, changing
 * nothing; a different request under the key is refused;</li>
 * <li>a number that cannot be texted, an opted-out recipient and a content rule hit end
 * REJECTED (a REJECTED status with the reason code goes to the outbox); a request read
 * after its validity passed (from the later of its {@code requestedAt} and its
 * {@code sendAt}), or whose recipient's quiet hours outlast it, ends EXPIRED
 * ({@code VALIDITY_PASSED_BEFORE_INTAKE}, {@code QUIET_HOURS_OUTLAST_VALIDITY});</li>
 * <li>otherwise the (account, recipient) lock is taken and the window searched
 * ({@link DuplicateTriggers}): a duplicate is answered with the first text's id and
 * {@code duplicateOf}, nothing is sent;</li>
 * <li>a text whose {@code sendAt}, or the end of the recipient's quiet hours (when it
 * respects them), is more than a second ahead is held here ({@link HeldOneOffs}, a
 * SCHEDULED status to the outbox, released by {@link OneOffRelease}), not handed to
 * dispatch to wait there;</li>
 * <li>otherwise the {@code MessageRequested} and its REQUESTED status go to the outbox;
 * either way the text is remembered for the window;</li>
 * <li>the answer is stored under the key, and everything commits together.</li>
 * </ol>
 *
 * <p>
 * <b>Why the outbox, not a Kafka transaction in the request.</b> The request is recorded
 * durably before anything is published, and the records it publishes are part of that
 * same record: the outbox rows commit with the idempotency key and its answer, and the
 * relay publishes them exactly once (see
 * {@link dev.smspipeline.campaign.outbox.OutboxRelay}). A crash after the commit loses
 * nothing (the relay publishes on restart), a crash before it leaves nothing (no key, no
 * text, the caller's retry starts afresh), and there is no window in which the key says
 * "answered" but the text was never published, as there would be with publish-then-mark.
 * The price is that a 202 means "committed to our database", and the text reaches the
 * topic a relay hop later (milliseconds: a commit wakes the relay).
 *
 * <p>
 * The first status of a text requested with a key (REQUESTED or REJECTED) carries the key
 * in its attributes ({@value #IDEMPOTENCY_KEY}), so a CRM producer on
 * {@code crm.sms-requests}, which gets no answer, finds its text's id on
 * {@code sms.delivery-status} by its {@code eventId}.
 */
@Service
public class OneOffMessages {

	/** Status attribute with the request's idempotency key (CRM {@code eventId}). */
	public static final String IDEMPOTENCY_KEY = "idempotencyKey";

	/** Longest {@code sender}, as for a campaign's. */
	private static final int MAX_SENDER = 32;

	/** Longest {@code campaignId}. */
	private static final int MAX_CAMPAIGN_ID = 128;

	private final PhoneNumbers phoneNumbers;

	private final OptOuts optOuts;

	private final ContentRules contentRules;

	private final IdempotencyKeys keys;

	private final DuplicateTriggers duplicates;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final MessageSettings settings;

	private final IdempotencySettings idempotency;

	private final Clock clock;

	private final MeterRegistry meters;

	private final TimeZones timeZones;

	private final HeldOneOffs held;

	private final Senders senders;

	private final TrialRecipients trial;

	private final SendingQuotas quotas;

	private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

	OneOffMessages(PhoneNumbers phoneNumbers, OptOuts optOuts, ContentRules contentRules, IdempotencyKeys keys,
			DuplicateTriggers duplicates, Outbox outbox, TransactionTemplate transactions, JsonMapper json,
			MessageSettings settings, IdempotencySettings idempotency, Clock clock, MeterRegistry meters,
			TimeZones timeZones, HeldOneOffs held, Senders senders, TrialRecipients trial, SendingQuotas quotas) {
		this.senders = senders;
		this.trial = trial;
		this.quotas = quotas;
		this.phoneNumbers = phoneNumbers;
		this.optOuts = optOuts;
		this.contentRules = contentRules;
		this.keys = keys;
		this.duplicates = duplicates;
		this.outbox = outbox;
		this.transactions = transactions;
		this.json = json;
		this.settings = settings;
		this.idempotency = idempotency;
		this.clock = clock;
		this.meters = meters;
		this.timeZones = timeZones;
		this.held = held;
	}

	/**
	 * What is wrong with a request so that it cannot become a text at all (the API
	 * answers 400, the CRM intake dead-letters it).
	 * @param request the request
	 * @return the fields at fault, empty when it is acceptable
	 */
	public List<FieldError> validate(OneOffRequest request) {
		List<FieldError> errors = new ArrayList<>();
		if (request.recipient() == null || request.recipient().isBlank()) {
			errors.add(new FieldError("recipient", "is required"));
		}
		if (request.body() == null || request.body().isBlank()) {
			errors.add(new FieldError("body", "is required"));
		}
		else {
			int segments = SmsSegments.count(request.body());
			if (segments > this.settings.maxSegments()) {
				errors.add(new FieldError("body", "needs " + segments + " SMS segments; the limit is "
						+ this.settings.maxSegments() + " (sms.messages.max-segments)"));
			}
		}
		if (request.notBefore() != null) {
			Instant latest = this.clock.instant().plus(this.settings.maxScheduleAhead());
			if (request.notBefore().isAfter(latest)) {
				errors.add(new FieldError("sendAt", "is more than " + this.settings.maxScheduleAhead()
						+ " ahead (sms.messages.max-schedule-ahead)"));
			}
		}
		// Both travel on every status event and are keys of status-service's store: an
		// unbounded or NUL-bearing one would be refused there, again and again.
		if (request.sender() != null && !request.sender().isBlank()) {
			String problem = identifierProblem(request.sender(), MAX_SENDER);
			if (problem != null) {
				errors.add(new FieldError("sender", problem));
			}
		}
		if (request.campaignId() != null && !request.campaignId().isEmpty()) {
			String problem = identifierProblem(request.campaignId(), MAX_CAMPAIGN_ID);
			if (problem != null) {
				errors.add(new FieldError("campaignId", problem));
			}
		}
		return errors;
	}

	private static String identifierProblem(String value, int maxLength) {
		if (value.length() > maxLength) {
			return "is longer than " + maxLength + " characters";
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			return "must not contain control characters";
		}
		return null;
	}

	/**
	 * What is wrong with an idempotency key, if anything.
	 * @param key the key as given
	 * @return the reason, or {@code null} when it may be used
	 */
	public String checkKey(String key) {
		if (key.isBlank()) {
			return "must not be blank";
		}
		if (key.length() > this.idempotency.maxKeyLength()) {
			return "is longer than " + this.idempotency.maxKeyLength() + " characters";
		}
		if (key.chars().anyMatch(Character::isISOControl)) {
			return "must not contain control characters";
		}
		return null;
	}

	/**
	 * Decides and records a valid request ({@link #validate}); see the class description.
	 * @param account the account
	 * @param request the request
	 * @param source {@code REST_API} or {@code CRM_TOPIC}
	 * @param idempotencyKey the key ({@link #checkKey checked}), or {@code null}
	 * @return the answer, and whether it is a repeat's
	 * @throws IdempotencyKeyReusedException when the key answered a different request
	 */
	public Outcome accept(AccountId account, OneOffRequest request, RequestSource source, String idempotencyKey) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		PhoneNumberCheck check = this.phoneNumbers.check(request.recipient());
		String e164 = (check instanceof PhoneNumberCheck.Accepted accepted) ? accepted.e164() : null;
		Optional<ContentViolation> violation = (check instanceof PhoneNumberCheck.Accepted accepted)
				? this.contentRules.check(account.value(), accepted.region(), request.body()) : Optional.empty();
		byte[] fingerprint = Fingerprints.of(request, e164);
		Outcome outcome = this.transactions.execute((status) -> {
			if (idempotencyKey != null) {
				IdempotencyKeys.Claim claim = this.keys.claim(account.value(), idempotencyKey, fingerprint,
						source.name(), now);
				if (claim instanceof IdempotencyKeys.Claim.Replay replay) {
					return new Outcome(replay.statusCode(), this.json.readValue(replay.answer(), MessageAccepted.class),
							Kind.REPLAYED);
				}
				if (claim instanceof IdempotencyKeys.Claim.Mismatch) {
					throw new IdempotencyKeyReusedException(idempotencyKey);
				}
			}
			Outcome decided = decide(account.value(), request, source, idempotencyKey, check, violation, now);
			if (idempotencyKey != null) {
				this.keys.answer(account.value(), idempotencyKey, decided.answer().messageId(), decided.statusCode(),
						this.json.writeValueAsString(decided.answer()));
			}
			return decided;
		});
		count(outcome, source);
		return outcome;
	}

	private Outcome decide(String account, OneOffRequest request, RequestSource source, String key,
			PhoneNumberCheck check, Optional<ContentViolation> violation, Instant now) {
		String messageId = UUID.randomUUID().toString();
		String sender = this.senders.senderFor(account, request.sender());
		String e164 = (check instanceof PhoneNumberCheck.Accepted accepted) ? accepted.e164() : null;
		boolean quiet = request.respectQuietHours() && e164 != null;
		Timing timing = new Timing.OnRequest(now, request.requestedAt(), request.notBefore(), this.settings.validity(),
				quiet ? QuietHours.DEFAULT : QuietHours.OFF, quiet ? this.timeZones.of(e164) : List.of());
		Admission admission = AdmissionPolicy.decide(new OneOffFacts(check, () -> this.trial.refusal(account, e164),
				() -> this.optOuts.find(account, e164), violation, timing));
		if (admission instanceof Admission.Reject || admission instanceof Admission.Expire) {
			return end(messageId, account, request, key, e164, sender, admission, now);
		}
		Duration window = this.settings.duplicateWindow();
		byte[] bodyHash = DuplicateTriggers.hash(request.body());
		if (!window.isZero()) {
			Optional<UUID> first = this.duplicates.lockAndFindFirst(account, e164, bodyHash, now.minus(window));
			if (first.isPresent() && !request.allowDuplicate()) {
				String firstId = first.get().toString();
				return new Outcome(202,
						new MessageAccepted(firstId, MessageStatus.REQUESTED.name(), e164, null, null, null, firstId),
						Kind.DUPLICATE);
			}
		}
		int segments = SmsSegments.count(request.body());
		Optional<Quota.Refusal> overQuota = this.quotas.reserve(account, segments, now);
		if (overQuota.isPresent()) {
			return overQuota(messageId, account, request, source, key, e164, sender, overQuota.get(), now);
		}
		if (!window.isZero()) {
			this.duplicates.remember(messageId, account, e164, bodyHash, now);
		}
		if (admission instanceof Admission.HoldUntil hold) {
			return hold(messageId, account, request, source, key, e164, sender, segments, timing, hold, now);
		}
		Admission.Send send = (Admission.Send) admission;
		MessageRequested requested = Texts
			.request(new Texts.Text(messageId, account, request.campaignId(), e164, sender, request.body(), segments,
					key, now, send.notBefore(), send.expiresAt(), source, request.attributes(), request.priority()));
		DeliveryStatus status = Texts
			.status(messageId, account, request.campaignId(), e164, sender, MessageStatus.REQUESTED, now)
			.setSegments(segments)
			.setAttributes((key != null) ? Map.of(IDEMPOTENCY_KEY, key) : Map.of())
			.build();
		this.outbox.addAll(List.of(new Outbox.Entry(Topics.MESSAGE_REQUESTED, e164, requested),
				new Outbox.Entry(Topics.DELIVERY_STATUS, messageId, status)));
		return new Outcome(202,
				new MessageAccepted(messageId, MessageStatus.REQUESTED.name(), e164, null, null, null, null),
				Kind.SENT);
	}

	/**
	 * Holds a text here until its {@code sendAt} or the end of the recipient's quiet
	 * hours ({@link OneOffRelease} releases it): the row and its SCHEDULED status commit
	 * with the idempotency key's answer, which names the same text id the release sends.
	 */
	private Outcome hold(String messageId, String account, OneOffRequest request, RequestSource source, String key,
			String e164, String sender, int segments, Timing timing, Admission.HoldUntil hold, Instant now) {
		Timing.OnRequest onRequest = (Timing.OnRequest) timing;
		this.held.hold(new HeldOneOffs.Held(messageId, account, request.campaignId(), e164, sender, request.body(),
				segments, key, source, request.priority(), request.attributes(), request.respectQuietHours(),
				onRequest.zones(), now, hold.releaseAt(), hold.expiresAt()));
		boolean quiet = request.notBefore() == null || hold.releaseAt().isAfter(request.notBefore());
		Map<String, String> attributes = new HashMap<>();
		attributes.put("releaseAt", hold.releaseAt().toString());
		attributes.put("expiresAt", hold.expiresAt().toString());
		attributes.put("reason", quiet ? "held through quiet hours" : "held until its sendAt");
		if (key != null) {
			attributes.put(IDEMPOTENCY_KEY, key);
		}
		DeliveryStatus scheduled = Texts
			.status(messageId, account, request.campaignId(), e164, sender, MessageStatus.SCHEDULED, now)
			.setEventId(EventIds.held(messageId, hold.releaseAt()))
			.setSegments(segments)
			.setAttributes(attributes)
			.build();
		this.outbox.add(Topics.DELIVERY_STATUS, messageId, scheduled);
		return new Outcome(202, new MessageAccepted(messageId, MessageStatus.SCHEDULED.name(), e164, null, null, null,
				null, hold.releaseAt().toString()), Kind.HELD);
	}

	/**
	 * A text that would pass the account's sending quota: the API answers 429 with
	 * {@code Retry-After} (nothing of the request is kept, so a retry with the same
	 * idempotency key is a new request), a CRM record's text ends REJECTED
	 * {@code SENDING_LIMIT}.
	 */
	private Outcome overQuota(String messageId, String account, OneOffRequest request, RequestSource source, String key,
			String e164, String sender, Quota.Refusal refusal, Instant now) {
		if (source == RequestSource.REST_API) {
			throw Problems.tooManyRequests(refusal.detail() + "; more can be sent from " + refusal.resetsAt() + ".",
					Duration.between(now, refusal.resetsAt()));
		}
		return end(messageId, account, request, key, e164, sender,
				new Admission.Reject(Quota.SENDING_LIMIT, refusal.detail(), null), now);
	}

	/** A text that ends at once: REJECTED by our checks, or EXPIRED. */
	private Outcome end(String messageId, String account, OneOffRequest request, String key, String e164, String sender,
			Admission admission, Instant now) {
		String reasonCode = admission.reasonCode();
		String reason = (admission instanceof Admission.Reject rejection) ? rejection.reason()
				: ((Admission.Expire) admission).reason();
		String rule = (admission instanceof Admission.Reject rejection) ? rejection.rule() : null;
		MessageStatus ended = admission.status();
		Map<String, String> attributes = new HashMap<>();
		attributes.put("reason", reason);
		if (rule != null) {
			attributes.put("rule", rule);
		}
		if (key != null) {
			attributes.put(IDEMPOTENCY_KEY, key);
		}
		DeliveryStatus status = Texts.status(messageId, account, request.campaignId(), e164, sender, ended, now)
			.setReasonCode(reasonCode)
			.setAttributes(attributes)
			.build();
		this.outbox.add(Topics.DELIVERY_STATUS, messageId, status);
		return new Outcome(202, new MessageAccepted(messageId, ended.name(), e164, reasonCode, reason, rule, null),
				(ended == MessageStatus.EXPIRED) ? Kind.EXPIRED : Kind.REJECTED);
	}

	/** Deletes idempotency keys past their retention and texts past the window. */
	@Scheduled(fixedDelayString = "${sms.messages.idempotency.purge-interval:10m}",
			initialDelayString = "${sms.messages.idempotency.purge-interval:10m}")
	void purge() {
		Instant now = this.clock.instant();
		this.keys.purge(now);
		this.duplicates.purge(now.minus(this.settings.duplicateWindow()), this.idempotency.purgeBatchSize());
	}

	private void count(Outcome outcome, RequestSource source) {
		// Looked up once per (name, source, reason) and kept: building and registering a
		// meter id on every request was a measurable share of a request's CPU.
		this.counters.computeIfAbsent(new CounterKey(outcome.kind(), source,
				(outcome.kind() == Kind.REJECTED || outcome.kind() == Kind.EXPIRED) ? outcome.answer().reasonCode()
						: null),
				this::counter)
			.increment();
	}

	private Counter counter(CounterKey key) {
		Counter.Builder builder = switch (key.kind()) {
			case DUPLICATE -> Counter.builder("sms.requests.duplicate")
				.description("One-off requests answered as a duplicate trigger");
			case REPLAYED -> Counter.builder("sms.requests.idempotent.replayed")
				.description("One-off requests answered again under their idempotency key");
			case REJECTED ->
				Counter.builder("sms.requests.rejected").description("One-off requests rejected by our own checks");
			case SENT -> Counter.builder("sms.requests.accepted").description("One-off texts handed to dispatch");
			case HELD -> Counter.builder("sms.requests.held")
				.description("One-off texts held for their sendAt or the recipient's quiet hours");
			case EXPIRED -> Counter.builder("sms.requests.expired")
				.description("One-off requests whose validity passed before they could go out");
		};
		builder.tag("source", sourceTag(key.source()));
		if (key.reason() != null) {
			builder.tag("reason", key.reason());
		}
		return builder.register(this.meters);
	}

	/** Which counter an outcome increments; reason codes are a small fixed set. */
	private record CounterKey(Kind kind, RequestSource source, String reason) {
	}

	/** The catalogue's {@code source} label: REST or KAFKA. */
	private static String sourceTag(RequestSource source) {
		return switch (source) {
			case REST_API -> "REST";
			case CRM_TOPIC -> "KAFKA";
			default -> source.name();
		};
	}

	/** What became of a request. */
	public enum Kind {

		/** Handed to dispatch. */
		SENT,

		/** Rejected by our own checks; a REJECTED status was published. */
		REJECTED,

		/**
		 * Held here until its {@code sendAt} or the end of quiet hours; a SCHEDULED
		 * status was published.
		 */
		HELD,

		/** Its validity passed (or would pass) before it could go out; EXPIRED. */
		EXPIRED,

		/** A duplicate trigger: answered with the first text, nothing sent. */
		DUPLICATE,

		/**
		 * A repeat under its idempotency key: the first answer again, nothing changed.
		 */
		REPLAYED

	}

	/**
	 * The answer to a request.
	 *
	 * @param statusCode HTTP status (202)
	 * @param answer the body
	 * @param kind what became of it
	 */
	public record Outcome(int statusCode, MessageAccepted answer, Kind kind) {

		/** Whether this repeats an earlier answer under the same idempotency key. */
		public boolean replayed() {
			return this.kind == Kind.REPLAYED;
		}

	}

}
