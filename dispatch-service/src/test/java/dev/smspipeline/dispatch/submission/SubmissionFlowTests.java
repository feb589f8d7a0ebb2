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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.smspipeline.dispatch.carrier.Carrier;
import dev.smspipeline.dispatch.carrier.CarrierAnswer;
import dev.smspipeline.dispatch.carrier.OutboundText;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow's decisions, with a scripted carrier, an in-memory table and a pause that
 * moves a clock instead of sleeping.
 */
class SubmissionFlowTests {

	private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

	private final ScriptedCarrier carrier = new ScriptedCarrier();

	private final InMemorySubmissions submissions = new InMemorySubmissions();

	private final RecordingPublisher statuses = new RecordingPublisher();

	private final MovableClock clock = new MovableClock(NOW);

	private final List<Duration> pauses = new ArrayList<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final SubmissionFlow flow = new SubmissionFlow(this.carrier, this.submissions, this.statuses,
			new DispatchSettings(new DispatchSettings.Retry(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 0.5),
					new DispatchSettings.RateLimit(2, Duration.ofSeconds(30))),
			this.meters, this.clock, (duration) -> {
				this.pauses.add(duration);
				this.clock.advance(duration);
			}, () -> 0.0);

	@Test
	void publishesQueuedThenSubmittedWithTheCarriersSid() {
		this.carrier.answers(new CarrierAnswer.Accepted("SM1"));

		this.flow.dispatch(request("m1", NOW.plusSeconds(3600)));

		assertThat(this.statuses.published).extracting(DeliveryStatus::getStatus)
			.containsExactly(MessageStatus.QUEUED, MessageStatus.SUBMITTED);
		DeliveryStatus submitted = this.statuses.published.get(1);
		assertThat(submitted.getCarrierMessageId()).isEqualTo("SM1");
		assertThat(submitted.getEventId()).isEqualTo("m1:SUBMITTED:1");
		assertThat(submitted.getSource()).isEqualTo(StatusSource.DISPATCH);
		assertThat(submitted.getRecipient()).isEqualTo("+14155550100");
		assertThat(submitted.getCampaignId()).isEqualTo("c1");
	}

	@Test
	void failsARefusedTextWithTheCarriersCodeAndReason() {
		this.carrier.answers(new CarrierAnswer.Refused("21614", "'To' number is not a valid mobile number"));

		this.flow.dispatch(request("m1", null));

		DeliveryStatus failed = this.statuses.last();
		assertThat(failed.getStatus()).isEqualTo(MessageStatus.FAILED);
		assertThat(failed.getCarrierErrorCode()).isEqualTo("21614");
		assertThat(failed.getCarrierErrorDescription()).isEqualTo("'To' number is not a valid mobile number");
		assertThat(this.submissions.rows.get("m1").outcome()).isEqualTo(MessageStatus.FAILED);
	}

	@Test
	void retriesTransientFailuresWithExponentialBackoff() {
		this.carrier.answers(new CarrierAnswer.Transient("HTTP 500"), new CarrierAnswer.Transient("HTTP 500"),
				new CarrierAnswer.Accepted("SM1"));

		this.flow.dispatch(request("m1", null));

		assertThat(this.pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
		assertThat(this.statuses.last().getStatus()).isEqualTo(MessageStatus.SUBMITTED);
		assertThat(this.statuses.last().getAttempt()).isEqualTo(3);
	}

	@Test
	void failsAsCarrierUnavailableWhenTransientAttemptsRunOut() {
		this.carrier.answers(new CarrierAnswer.Transient("HTTP 503"), new CarrierAnswer.Transient("HTTP 503"),
				new CarrierAnswer.Transient("HTTP 503"), new CarrierAnswer.Transient("HTTP 503"),
				new CarrierAnswer.Transient("HTTP 503"), new CarrierAnswer.Accepted("SM1"));

		this.flow.dispatch(request("m1", null));

		DeliveryStatus failed = this.statuses.last();
		assertThat(failed.getStatus()).isEqualTo(MessageStatus.FAILED);
		assertThat(failed.getReasonCode()).isEqualTo("CARRIER_UNAVAILABLE");
		assertThat(failed.getCarrierErrorDescription()).contains("HTTP 503");
		assertThat(this.carrier.calls).hasSize(5);
	}

	@Test
	void waitsTheCarriersRetryAfterBeforeSendingAgain() {
		this.carrier.answers(new CarrierAnswer.RateLimited(Duration.ofSeconds(3)), new CarrierAnswer.Accepted("SM1"));

		this.flow.dispatch(request("m1", null));

		assertThat(this.pauses).containsExactly(Duration.ofSeconds(3));
		assertThat(this.statuses.last().getStatus()).isEqualTo(MessageStatus.SUBMITTED);
	}

	@Test
	void waitsNoLongerThanTheLongestRetryAfterHonoured() {
		this.carrier.answers(new CarrierAnswer.RateLimited(Duration.ofHours(1)), new CarrierAnswer.Accepted("SM1"));

		this.flow.dispatch(request("m1", null));

		assertThat(this.pauses).containsExactly(Duration.ofSeconds(30));
	}

	@Test
	void failsAsRateLimitedWhenTheCarrierKeepsHoldingTheNumber() {
		this.carrier.answers(new CarrierAnswer.RateLimited(Duration.ofSeconds(1)),
				new CarrierAnswer.RateLimited(Duration.ofSeconds(1)),
				new CarrierAnswer.RateLimited(Duration.ofSeconds(1)));

		this.flow.dispatch(request("m1", null));

		assertThat(this.statuses.last().getReasonCode()).isEqualTo("CARRIER_RATE_LIMITED");
		assertThat(this.carrier.calls).hasSize(3);
	}

	@Test
	void expiresATextPastItsValidityWithoutCallingTheCarrier() {
		this.flow.dispatch(request("m1", NOW.minusSeconds(1)));

		assertThat(this.statuses.published).extracting(DeliveryStatus::getStatus)
			.containsExactly(MessageStatus.EXPIRED);
		assertThat(this.carrier.calls).isEmpty();
	}

	@Test
	void expiresATextWhoseValidityRunsOutWhileItWaits() {
		this.carrier.answers(new CarrierAnswer.RateLimited(Duration.ofSeconds(3)), new CarrierAnswer.Accepted("SM1"));

		this.flow.dispatch(request("m1", NOW.plusSeconds(2)));

		assertThat(this.statuses.last().getStatus()).isEqualTo(MessageStatus.EXPIRED);
		assertThat(this.carrier.calls).hasSize(1);
	}

	@Test
	void republishesTheRecordedStatusOfARedeliveredTextWithoutCallingTheCarrier() {
		this.carrier.answers(new CarrierAnswer.Accepted("SM1"));
		this.flow.dispatch(request("m1", null));
		DeliveryStatus first = this.statuses.last();
		this.clock.advance(Duration.ofMinutes(5));

		this.flow.dispatch(request("m1", null));

		assertThat(this.carrier.calls).hasSize(1);
		assertThat(this.statuses.last()).isEqualTo(first);
	}

	@Test
	void countsOutcomesByName() {
		this.carrier.answers(new CarrierAnswer.Accepted("SM1"));

		this.flow.dispatch(request("m1", null));

		assertThat(this.meters.get("dispatch.submissions").tag("outcome", "submitted").counter().count())
			.isEqualTo(1.0);
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

		InMemorySubmissions() {
			super(null);
		}

		@Override
		Optional<Submission> find(String messageId) {
			return Optional.ofNullable(this.rows.get(messageId));
		}

		@Override
		Submission record(Submission submission) {
			return this.rows.computeIfAbsent(submission.messageId(), (id) -> submission);
		}

	}

	private static final class RecordingPublisher extends StatusPublisher {

		private final List<DeliveryStatus> published = new ArrayList<>();

		RecordingPublisher() {
			super(null);
		}

		@Override
		void publish(DeliveryStatus status) {
			this.published.add(status);
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
