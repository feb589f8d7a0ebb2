package dev.smspipeline.dispatch.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.smspipeline.dispatch.account.SenderOwnership;
import dev.smspipeline.dispatch.account.SenderSettings;
import dev.smspipeline.dispatch.carrier.Carrier;
import dev.smspipeline.dispatch.carrier.CarrierAnswer;
import dev.smspipeline.dispatch.carrier.CarrierAnswer.HoldScope;
import dev.smspipeline.dispatch.carrier.OutboundText;
import dev.smspipeline.events.AccountState;
import dev.smspipeline.events.AccountStatus;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.events.SenderEntry;
import dev.smspipeline.events.SenderKind;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.platform.account.AccountDirectory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow's decisions, one attempt at a time, with a scripted carrier, in-memory tables
 * and a clock the tests move.
 */
class SubmissionFlowTests {

	private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

	private final ScriptedCarrier carrier = new ScriptedCarrier();

	private final InMemorySubmissions submissions = new InMemorySubmissions();

	private final RecordingPublisher statuses = new RecordingPublisher();

	private final MovableClock clock = new MovableClock(NOW);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AccountDirectory accounts = new AccountDirectory();

	private final SubmissionFlow flow = new SubmissionFlow(this.carrier, this.submissions, this.statuses,
			(change) -> this.submissions.optedOut.add(change.getAccountId() + ":" + change.getRecipient()),
			new SenderOwnership(this.accounts, new SenderSettings(Set.of("+15005550006"), "US")),
			new DispatchSettings(new DispatchSettings.Retry(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 0.5),
					new DispatchSettings.RateLimit(2, Duration.ofSeconds(30))),
			Duration.ofSeconds(30), this.meters, this.clock, () -> 0.0);

	@Test
	void submitsWithTheCarriersSid() {
		this.carrier.answers(new CarrierAnswer.Accepted("SM1"));

		Step step = this.flow.attempt(text("m1", NOW.plusSeconds(3600)));

		assertThat(step).isInstanceOfSatisfying(Step.Decided.class, (decided) -> {
			assertThat(decided.answeredAt()).isEqualTo(NOW);
			assertThat(decided.submission()).isTrue();
		});
		DeliveryStatus submitted = this.statuses.last();
		assertThat(submitted.getStatus()).isEqualTo(MessageStatus.SUBMITTED);
		assertThat(submitted.getCarrierMessageId()).isEqualTo("SM1");
		assertThat(submitted.getEventId()).isEqualTo("m1:SUBMITTED:1");
		assertThat(submitted.getSource()).isEqualTo(StatusSource.DISPATCH);
		assertThat(submitted.getRecipient()).isEqualTo("+14155550100");
		assertThat(submitted.getCampaignId()).isEqualTo("c1");
	}

	@Test
	void publishesQueuedWithAnEventIdOfItsOwn() {
		this.flow.queued(request("m1", null));

		assertThat(this.statuses.last().getStatus()).isEqualTo(MessageStatus.QUEUED);
		assertThat(this.statuses.last().getEventId()).isEqualTo("m1:QUEUED:0");
	}

	@Test
	void failsARefusedTextWithTheCarriersCodeAndReason() {
		this.carrier.answers(new CarrierAnswer.Refused("21614", "'To' number is not a valid mobile number"));

		this.flow.attempt(text("m1", null));

		DeliveryStatus failed = this.statuses.last();
		assertThat(failed.getStatus()).isEqualTo(MessageStatus.FAILED);
		assertThat(failed.getCarrierErrorCode()).isEqualTo("21614");
		assertThat(failed.getCarrierErrorDescription()).isEqualTo("'To' number is not a valid mobile number");
		assertThat(this.submissions.rows.get("m1").outcome()).isEqualTo(MessageStatus.FAILED);
		assertThat(this.meters.get("sms.dispatch.failed").tag("code", "21614").counter().count()).isEqualTo(1.0);
	}

	@Test
	void reportsACarrierUnsubscribeAsAnOptOutOfTheAccount() {
		this.carrier.answers(new CarrierAnswer.Refused("21610", "Attempt to send to unsubscribed recipient"));

		this.flow.attempt(text("m1", null));

		assertThat(this.statuses.last().getCarrierErrorCode()).isEqualTo("21610");
		assertThat(this.statuses.optOuts).singleElement().satisfies((change) -> {
			assertThat(change.getEventId()).isEqualTo("m1:OPT_OUT:21610");
			assertThat(change.getAction()).isEqualTo(OptOutAction.OPT_OUT);
			assertThat(change.getSource()).isEqualTo(OptOutSource.CARRIER_ERROR);
			assertThat(change.getRecipient()).isEqualTo("+14155550100");
			assertThat(change.getOccurredAt()).isEqualTo(NOW);
		});
	}

	@Test
	void rejectsTheNextTextToARecipientTheCarrierUnsubscribedWithoutACall() {
		this.carrier.answers(new CarrierAnswer.Refused("21610", "Attempt to send to unsubscribed recipient"));
		this.flow.attempt(text("m1", null));

		this.flow.attempt(text("m2", null));

		assertThat(this.statuses.last().getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(this.statuses.last().getReasonCode()).isEqualTo("OPTED_OUT");
		assertThat(this.carrier.calls).hasSize(1);
	}

	@Test
	void publishesTheOptOutAgainWhenAnUnsubscribedTextIsRedelivered() {
		this.carrier.answers(new CarrierAnswer.Refused("21610", "Attempt to send to unsubscribed recipient"));
		this.flow.attempt(text("m1", null));

		this.flow.attempt(text("m1", null));

		assertThat(this.statuses.optOuts).extracting(OptOutChange::getEventId)
			.containsExactly("m1:OPT_OUT:21610", "m1:OPT_OUT:21610");
		assertThat(this.carrier.calls).hasSize(1);
	}

	@Test
	void retriesTransientFailuresAfterAnExponentialBackoffWithoutWaiting() {
		this.carrier.answers(CarrierAnswer.Transient.notTaken("HTTP 500"), CarrierAnswer.Transient.notTaken("HTTP 500"),
				new CarrierAnswer.Accepted("SM1"));
		PendingText text = text("m1", null);

		Step first = this.flow.attempt(text);
		Step second = this.flow.attempt(text);
		Step third = this.flow.attempt(text);

		assertThat(first).isEqualTo(new Step.Retry(NOW.plusMillis(200), Step.Hold.NONE, NOW, true));
		assertThat(second).isEqualTo(new Step.Retry(NOW.plusMillis(400), Step.Hold.NONE, NOW, true));
		assertThat(third).isInstanceOf(Step.Decided.class);
		assertThat(this.statuses.last().getAttempt()).isEqualTo(3);
	}

	@Test
	void failsAsCarrierUnavailableWhenTransientAttemptsRunOut() {
		for (int i = 0; i < 4; i++) {
			this.carrier.answers(CarrierAnswer.Transient.notTaken("HTTP 503"));
		}
		this.carrier.answers(CarrierAnswer.Transient.notTaken("cannot reach the carrier: connection refused"));
		PendingText text = text("m1", null);

		Step step = attemptAll(text, 5);

		assertThat(step).isInstanceOf(Step.Decided.class);
		DeliveryStatus failed = this.statuses.last();
		assertThat(failed.getStatus()).isEqualTo(MessageStatus.FAILED);
		assertThat(failed.getReasonCode()).isEqualTo("CARRIER_UNAVAILABLE");
		assertThat(failed.getCarrierErrorDescription()).contains("5 attempts").contains("connection refused");
		assertThat(failed.getEventId()).isEqualTo("m1:FAILED:5");
		assertThat(this.submissions.rows.get("m1").outcome()).isEqualTo(MessageStatus.FAILED);
		assertThat(this.carrier.calls).hasSize(5);
		assertThat(this.meters.get("sms.dispatch.outcomes").tag("status", "FAILED").counter().count()).isEqualTo(1.0);
		assertThat(this.meters.get("sms.dispatch.failed").tag("code", "CARRIER_UNAVAILABLE").counter().count())
			.isEqualTo(1.0);
		assertThat(this.meters.find("sms.dispatch.outcomes").tag("status", "DELIVERY_UNKNOWN").counter()).isNull();
	}

	@Test
	void endsDeliveryUnknownWhenNoAttemptWasAnsweredBecauseTheCarrierMayHaveTakenTheText() {
		for (int i = 0; i < 5; i++) {
			this.carrier.answers(CarrierAnswer.Transient.unanswered("no answer from the carrier within PT10S"));
		}
		PendingText text = text("m1", null);

		Step step = attemptAll(text, 5);

		assertThat(step).isInstanceOfSatisfying(Step.Decided.class, (decided) -> {
			assertThat(decided.outcome().outcome()).isEqualTo(MessageStatus.DELIVERY_UNKNOWN);
			assertThat(decided.submission()).isTrue();
		});
		DeliveryStatus unknown = this.statuses.last();
		assertThat(unknown.getStatus()).isEqualTo(MessageStatus.DELIVERY_UNKNOWN);
		assertThat(unknown.getReasonCode()).isEqualTo("CARRIER_NO_ANSWER");
		assertThat(unknown.getCarrierErrorCode()).isNull();
		assertThat(unknown.getCarrierErrorDescription()).startsWith("No answer from the carrier to 5 of 5 attempts")
			.contains("no answer from the carrier within PT10S");
		assertThat(unknown.getEventId()).isEqualTo("m1:DELIVERY_UNKNOWN:5");
		assertThat(unknown.getAttempt()).isEqualTo(5);
		assertThat(unknown.getSource()).isEqualTo(StatusSource.DISPATCH);
		assertThat(this.submissions.rows.get("m1").outcome()).isEqualTo(MessageStatus.DELIVERY_UNKNOWN);
		// every retry carried the same idempotency token: the message id
		assertThat(this.carrier.calls).hasSize(5).extracting(OutboundText::messageId).containsOnly("m1");
		assertThat(this.meters.get("sms.dispatch.outcomes").tag("status", "DELIVERY_UNKNOWN").counter().count())
			.isEqualTo(1.0);
		assertThat(this.meters.find("sms.dispatch.failed").counters()).isEmpty();
	}

	@Test
	void endsDeliveryUnknownWhenOneAttemptOfManyWentUnanswered() {
		this.carrier.answers(CarrierAnswer.Transient.notTaken("HTTP 500"),
				CarrierAnswer.Transient.unanswered("connection to the carrier lost after the request was sent"));
		for (int i = 0; i < 3; i++) {
			this.carrier.answers(CarrierAnswer.Transient.notTaken("HTTP 503"));
		}

		attemptAll(text("m1", null), 5);

		DeliveryStatus unknown = this.statuses.last();
		assertThat(unknown.getStatus()).isEqualTo(MessageStatus.DELIVERY_UNKNOWN);
		assertThat(unknown.getReasonCode()).isEqualTo("CARRIER_NO_ANSWER");
		assertThat(unknown.getCarrierErrorDescription()).startsWith("No answer from the carrier to 1 of 5 attempts");
	}

	@Test
	void endsDeliveryUnknownRatherThanRateLimitedAfterAnUnansweredAttempt() {
		this.carrier.answers(CarrierAnswer.Transient.unanswered("no answer from the carrier within PT10S"));
		for (int i = 0; i < 3; i++) {
			this.carrier.answers(new CarrierAnswer.RateLimited(Duration.ofSeconds(1), HoldScope.RECIPIENT, "20429"));
		}

		Step step = attemptAll(text("m1", null), 4);

		assertThat(step).isInstanceOf(Step.Decided.class);
		assertThat(this.statuses.last().getStatus()).isEqualTo(MessageStatus.DELIVERY_UNKNOWN);
		assertThat(this.statuses.last().getReasonCode()).isEqualTo("CARRIER_NO_ANSWER");
		assertThat(this.statuses.last().getCarrierErrorDescription()).contains("rate-limited");
	}

	@Test
	void retriesAnUnansweredAttemptLikeAnyTransientFailureAndSubmitsWhenTheCarrierAnswers() {
		this.carrier.answers(CarrierAnswer.Transient.unanswered("no answer from the carrier within PT10S"),
				new CarrierAnswer.Accepted("SM1"));
		PendingText text = text("m1", null);

		Step first = this.flow.attempt(text);
		this.flow.attempt(text);

		assertThat(first).isEqualTo(new Step.Retry(NOW.plusMillis(200), Step.Hold.NONE, NOW, true));
		assertThat(this.statuses.last().getStatus()).isEqualTo(MessageStatus.SUBMITTED);
		assertThat(this.statuses.last().getCarrierMessageId()).isEqualTo("SM1");
	}

	@Test
	void republishesARecordedDeliveryUnknownOfARedeliveredTextWithoutCallingTheCarrier() {
		for (int i = 0; i < 5; i++) {
			this.carrier.answers(CarrierAnswer.Transient.unanswered("no answer from the carrier within PT10S"));
		}
		attemptAll(text("m1", null), 5);
		DeliveryStatus first = this.statuses.last();

		this.flow.attempt(text("m1", null));

		assertThat(this.carrier.calls).hasSize(5);
		assertThat(this.statuses.last()).isEqualTo(first);
	}

	@Test
	void holdsTheRecipientForTheCarriersRetryAfter() {
		this.carrier.answers(new CarrierAnswer.RateLimited(Duration.ofSeconds(3), HoldScope.RECIPIENT, "20429"));

		Step step = this.flow.attempt(text("m1", null));

		assertThat(step).isEqualTo(new Step.Retry(NOW.plusSeconds(3), Step.Hold.RECIPIENT, NOW, false));
		assertThat(this.statuses.published).isEmpty();
	}

	@Test
	void holdsTheRecipientForASecondWhenTheCarrierNamesNoWait() {
		this.carrier.answers(new CarrierAnswer.RateLimited(null, HoldScope.RECIPIENT, "HTTP 429"));

		assertThat(this.flow.attempt(text("m1", null)))
			.isEqualTo(new Step.Retry(NOW.plusSeconds(1), Step.Hold.RECIPIENT, NOW, false));
	}

	@Test
	void holdsThePairForThePairHoldWhenA14107NamesNoWait() {
		this.carrier.answers(new CarrierAnswer.RateLimited(null, HoldScope.PAIR, "14107"));

		assertThat(this.flow.attempt(text("m1", null)))
			.isEqualTo(new Step.Retry(NOW.plusSeconds(30), Step.Hold.PAIR, NOW, false));
	}

	@Test
	void holdsNoLongerThanTheLongestRetryAfterHonoured() {
		this.carrier.answers(new CarrierAnswer.RateLimited(Duration.ofHours(1), HoldScope.RECIPIENT, "20429"));

		assertThat(this.flow.attempt(text("m1", null))).isInstanceOfSatisfying(Step.Retry.class,
				(retry) -> assertThat(retry.notBefore()).isEqualTo(NOW.plusSeconds(30)));
	}

	@Test
	void failsAsRateLimitedWhenTheCarrierKeepsHoldingTheNumber() {
		for (int i = 0; i < 3; i++) {
			this.carrier.answers(new CarrierAnswer.RateLimited(Duration.ofSeconds(1), HoldScope.RECIPIENT, "20429"));
		}
		PendingText text = text("m1", null);

		this.flow.attempt(text);
		this.flow.attempt(text);
		Step step = this.flow.attempt(text);

		assertThat(step).isInstanceOf(Step.Decided.class);
		assertThat(this.statuses.last().getReasonCode()).isEqualTo("CARRIER_RATE_LIMITED");
		assertThat(this.carrier.calls).hasSize(3);
	}

	@Test
	void failsATextWhoseProcessingKeptFailingAndRepublishesThatWhenItComesAgain() {
		this.flow.processingFailed(text("m1", null), new IllegalStateException("x".repeat(1000)));

		DeliveryStatus failed = this.statuses.last();
		assertThat(failed.getStatus()).isEqualTo(MessageStatus.FAILED);
		assertThat(failed.getReasonCode()).isEqualTo(SubmissionFlow.PROCESSING_FAILED);
		assertThat(failed.getEventId()).isEqualTo("m1:FAILED:PROCESSING_FAILED");
		assertThat(failed.getCarrierErrorDescription()).hasSize(SubmissionFlow.MAX_FAILURE_DESCRIPTION)
			.startsWith("xxx");
		assertThat(this.meters.get("sms.dispatch.failed").tag("code", "PROCESSING_FAILED").counter().count())
			.isEqualTo(1.0);

		this.flow.attempt(text("m1", null));

		assertThat(this.statuses.last().getEventId()).isEqualTo("m1:FAILED:PROCESSING_FAILED");
		assertThat(this.carrier.calls).isEmpty();
	}

	@Test
	void publishesAProcessingFailureTheDatabaseCannotRecord() {
		this.submissions.down = true;

		this.flow.processingFailed(text("m1", null), new IllegalStateException("database unavailable"));

		assertThat(this.statuses.last().getEventId()).isEqualTo("m1:FAILED:PROCESSING_FAILED");
		assertThat(this.statuses.last().getCarrierErrorDescription()).isEqualTo("database unavailable");
	}

	@Test
	void expiresATextPastItsValidityWithoutCallingTheCarrier() {
		Step step = this.flow.attempt(text("m1", NOW.minusSeconds(1)));

		assertThat(step).isInstanceOf(Step.Decided.class);
		assertThat(this.statuses.published).extracting(DeliveryStatus::getStatus)
			.containsExactly(MessageStatus.EXPIRED);
		assertThat(this.carrier.calls).isEmpty();
	}

	@Test
	void expiresATextWhoseValidityRunsOutWhileItWaits() {
		this.carrier.answers(new CarrierAnswer.RateLimited(Duration.ofSeconds(3), HoldScope.RECIPIENT, "20429"));
		PendingText text = text("m1", NOW.plusSeconds(2));

		this.flow.attempt(text);
		this.clock.advance(Duration.ofSeconds(3));
		this.flow.attempt(text);

		assertThat(this.statuses.last().getStatus()).isEqualTo(MessageStatus.EXPIRED);
		assertThat(this.statuses.last().getEventId()).isEqualTo("m1:EXPIRED:1");
		assertThat(this.carrier.calls).hasSize(1);
	}

	@Test
	void republishesTheRecordedStatusOfARedeliveredTextWithoutCallingTheCarrier() {
		this.carrier.answers(new CarrierAnswer.Accepted("SM1"));
		this.flow.attempt(text("m1", null));
		DeliveryStatus first = this.statuses.last();
		this.clock.advance(Duration.ofMinutes(5));

		Step step = this.flow.attempt(text("m1", null));

		assertThat(step).isInstanceOfSatisfying(Step.Decided.class,
				(decided) -> assertThat(decided.answeredAt()).isNull());
		assertThat(this.carrier.calls).hasSize(1);
		assertThat(this.statuses.last()).isEqualTo(first);
	}

	@Test
	void cancelsATextOfACancelledCampaignWithoutCallingTheCarrier() {
		this.submissions.cancellations.put("c1", "CAMPAIGN_CANCELED");

		this.flow.attempt(text("m1", null));

		DeliveryStatus canceled = this.statuses.last();
		assertThat(canceled.getStatus()).isEqualTo(MessageStatus.CANCELED);
		assertThat(canceled.getReasonCode()).isEqualTo("CAMPAIGN_CANCELED");
		assertThat(canceled.getEventId()).isEqualTo("m1:CANCELED:0");
		assertThat(this.carrier.calls).isEmpty();
	}

	@Test
	void rejectsATextToAnOptedOutRecipientWithoutCallingTheCarrier() {
		this.submissions.optedOut.add("acme:+14155550100");

		this.flow.attempt(text("m1", null));

		DeliveryStatus rejected = this.statuses.last();
		assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("OPTED_OUT");
		assertThat(this.carrier.calls).isEmpty();
	}

	@Test
	void rejectsATextFromAnotherAccountsSenderWithoutCallingTheCarrier() {
		this.accounts.apply(account("globex", AccountStatus.ACTIVE, "+14155550999"));

		this.flow.attempt(
				new PendingText(MessageRequested.newBuilder(request("m1", null)).setSender("+14155550999").build()));

		DeliveryStatus rejected = this.statuses.last();
		assertThat(rejected.getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("SENDER_NOT_OWNED");
		assertThat(rejected.getEventId()).isEqualTo("m1:REJECTED:0");
		assertThat(this.submissions.rows.get("m1").reasonCode()).isEqualTo("SENDER_NOT_OWNED");
		assertThat(this.carrier.calls).isEmpty();
		assertThat(this.meters.get("sms.dispatch.outcomes").tag("status", "REJECTED").counter().count()).isEqualTo(1.0);
	}

	@Test
	void settlesATextFromAForeignSenderWithoutItsLane() {
		Step.Decided decided = this.flow.settle(
				new PendingText(MessageRequested.newBuilder(request("m1", null)).setSender("+14155550999").build()));

		assertThat(decided.outcome().reasonCode()).isEqualTo("SENDER_NOT_OWNED");
		assertThat(this.carrier.calls).isEmpty();
	}

	@Test
	void rejectsATextOfASuspendedAccountWithoutCallingTheCarrier() {
		this.accounts.apply(account("acme", AccountStatus.SUSPENDED, "+14155550123"));

		this.flow.attempt(
				new PendingText(MessageRequested.newBuilder(request("m1", null)).setSender("+14155550123").build()));

		assertThat(this.statuses.last().getStatus()).isEqualTo(MessageStatus.REJECTED);
		assertThat(this.statuses.last().getReasonCode()).isEqualTo("ACCOUNT_SUSPENDED");
		assertThat(this.carrier.calls).isEmpty();
	}

	@Test
	void callsTheCarrierFromTheAccountsOwnSenderInItsCanonicalForm() {
		this.accounts.apply(account("acme", AccountStatus.ACTIVE, "+14155550123"));
		this.carrier.answers(new CarrierAnswer.Accepted("SM1"));

		this.flow.attempt(
				new PendingText(MessageRequested.newBuilder(request("m1", null)).setSender("(415) 555-0123").build()));

		assertThat(this.statuses.last().getStatus()).isEqualTo(MessageStatus.SUBMITTED);
		assertThat(this.carrier.calls).singleElement()
			.satisfies((call) -> assertThat(call.from()).isEqualTo("+14155550123"));
	}

	@Test
	void settlesNothingThatNeedsTheCarrier() {
		assertThat(this.flow.settle(text("m1", null))).isNull();
		assertThat(this.carrier.calls).isEmpty();
		assertThat(this.statuses.published).isEmpty();
	}

	@Test
	void timesCarrierCallsByOutcome() {
		this.carrier.answers(new CarrierAnswer.Accepted("SM1"));

		this.flow.attempt(text("m1", null));

		assertThat(this.meters.get("sms.carrier.call").tag("outcome", "accepted").timer().count()).isEqualTo(1);
		assertThat(this.meters.get("sms.dispatch.submitted").counter().count()).isEqualTo(1.0);
	}

	private Step attemptAll(PendingText text, int attempts) {
		Step step = null;
		for (int i = 0; i < attempts; i++) {
			step = this.flow.attempt(text);
		}
		return step;
	}

	private static AccountState account(String id, AccountStatus status, String sender) {
		return AccountState.newBuilder()
			.setAccountId(id)
			.setName(id)
			.setStatus(status)
			.setApiKeys(List.of())
			.setSenders(List.of(SenderEntry.newBuilder()
				.setNumber(sender)
				.setKind(SenderKind.LONG_CODE)
				.setSegmentsPerSecond(1)
				.build()))
			.setDefaultSender(sender)
			.setVersion(1)
			.setUpdatedAt(NOW)
			.build();
	}

	private static PendingText text(String messageId, Instant expiresAt) {
		return new PendingText(request(messageId, expiresAt));
	}

	private static MessageRequested request(String messageId, Instant expiresAt) {
		return MessageRequested.newBuilder()
			.setMessageId(messageId)
			.setAccountId("acme")
			.setCampaignId("c1")
			.setRecipient("+14155550100")
			.setSender("+15005550006")
			.setBody("Hello")
			.setRequestedAt(NOW.minusSeconds(1))
			.setExpiresAt(expiresAt)
			.build();
	}

	private static final class ScriptedCarrier implements Carrier {

		private final Deque<CarrierAnswer> answers = new ArrayDeque<>();

		private final List<OutboundText> calls = new ArrayList<>();

		void answers(CarrierAnswer... answers) {
			this.answers.addAll(List.of(answers));
		}

		@Override
		public CarrierAnswer submit(OutboundText text) {
			this.calls.add(text);
			return this.answers.removeFirst();
		}

	}

	private static final class InMemorySubmissions extends Submissions {

		private final Map<String, Submission> rows = new HashMap<>();

		private final Set<String> optedOut = new HashSet<>();

		private final Map<String, String> cancellations = new HashMap<>();

		InMemorySubmissions() {
			super(null);
		}

		@Override
		Precheck precheck(MessageRequested request) {
			return new Precheck(this.rows.get(request.getMessageId()),
					this.optedOut.contains(request.getAccountId() + ":" + request.getRecipient()),
					this.cancellations.get(request.getCampaignId()));
		}

		private boolean down;

		@Override
		Submission record(Submission submission) {
			if (this.down) {
				throw new IllegalStateException("database unavailable");
			}
			return this.rows.computeIfAbsent(submission.messageId(), (id) -> submission);
		}

	}

	private static final class RecordingPublisher extends EventPublisher {

		private final List<DeliveryStatus> published = new ArrayList<>();

		private final List<OptOutChange> optOuts = new ArrayList<>();

		RecordingPublisher() {
			super(null, null);
		}

		@Override
		CompletableFuture<Void> publish(DeliveryStatus status) {
			this.published.add(status);
			return CompletableFuture.completedFuture(null);
		}

		@Override
		CompletableFuture<Void> publish(List<DeliveryStatus> statuses) {
			statuses.forEach(this::publish);
			return CompletableFuture.completedFuture(null);
		}

		@Override
		CompletableFuture<Void> publish(OptOutChange change) {
			this.optOuts.add(change);
			return CompletableFuture.completedFuture(null);
		}

		DeliveryStatus last() {
			return this.published.get(this.published.size() - 1);
		}

	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
