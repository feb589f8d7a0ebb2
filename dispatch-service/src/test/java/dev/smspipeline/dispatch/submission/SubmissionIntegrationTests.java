package dev.smspipeline.dispatch.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.smspipeline.dispatch.DispatchIntegrationTest;
import dev.smspipeline.dispatch.MessageRequests;
import dev.smspipeline.dispatch.SimulatedCarrier;
import dev.smspipeline.dispatch.TextStatuses;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.messages.Outcome;
import dev.smspipeline.simulator.messages.ReceivedMessage;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requested texts through the whole service: the real broker, registry and database, and
 * the carrier simulator of this JVM. Each test uses its own recipient number, unused by
 * every other class that shares the simulator (the carrier answers 429 to a second create
 * for a number within a second).
 */
@DispatchIntegrationTest
class SubmissionIntegrationTests {

	private static final CarrierSimulator carrier = SimulatedCarrier.shared();

	@RegisterExtension
	static final MessageRequests requests = MessageRequests.open();

	@RegisterExtension
	static final TopicProbe<DeliveryStatus> statuses = TopicProbe.of(Topics.DELIVERY_STATUS);

	@RegisterExtension
	static final TopicProbe<OptOutChange> optOuts = TopicProbe.of(Topics.OPT_OUTS);

	@Test
	void publishesQueuedThenSubmittedWithTheCarriersSid() {
		MessageRequested request = MessageRequests.to("+14155550101");

		requests.send(request);

		DeliveryStatus submitted = awaitStatus(request, MessageStatus.SUBMITTED);
		assertThat(submitted.getCarrierMessageId()).startsWith("SM");
		assertThat(submitted.getSource()).isEqualTo(StatusSource.DISPATCH);
		assertThat(submitted.getEventId()).isEqualTo(request.getMessageId() + ":SUBMITTED:1");
		assertThat(submitted.getAccountId()).isEqualTo(request.getAccountId());
		assertThat(submitted.getRecipient()).isEqualTo(request.getRecipient());
		assertThat(submitted.getSender()).isEqualTo(request.getSender());
		assertThat(statusesOf(request)).extracting(DeliveryStatus::getStatus)
			.containsExactly(MessageStatus.QUEUED, MessageStatus.SUBMITTED);
	}

	@Test
	void createsTheTextOnceWithItsMessageIdAsIdempotencyKey() {
		MessageRequested request = MessageRequests.to("+14155550102");

		requests.send(request);

		awaitStatus(request, MessageStatus.SUBMITTED);
		assertThat(createsFor(request)).singleElement().satisfies((create) -> {
			assertThat(create.to()).isEqualTo("+14155550102");
			assertThat(create.body()).isEqualTo(request.getBody());
			assertThat(create.outcome()).isEqualTo(Outcome.ACCEPTED);
		});
	}

	@Test
	void failsALandlineWithTheCarriersCodeAndReason() {
		MessageRequested request = MessageRequests.to("+14152010001");

		requests.send(request);

		DeliveryStatus failed = awaitStatus(request, MessageStatus.FAILED);
		assertThat(failed.getCarrierErrorCode()).isEqualTo("21614");
		assertThat(failed.getCarrierErrorDescription()).isNotBlank();
		assertThat(statusesOf(request)).extracting(DeliveryStatus::getStatus)
			.containsExactly(MessageStatus.QUEUED, MessageStatus.FAILED);
	}

	@Test
	void sendsARequestDeliveredTwiceToTheCarrierOnce() {
		MessageRequested request = MessageRequests.to("+14155550103");

		requests.send(request);
		requests.send(request);

		// The second delivery publishes the recorded SUBMITTED again, under the same
		// event id.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> statuses.values(TextStatuses.of(request, MessageStatus.SUBMITTED)).size() == 2);
		assertThat(statuses.values(TextStatuses.of(request, MessageStatus.SUBMITTED)))
			.extracting(DeliveryStatus::getEventId)
			.containsOnly(request.getMessageId() + ":SUBMITTED:1");
		assertThat(createsFor(request)).singleElement()
			.extracting(ReceivedMessage::outcome)
			.isEqualTo(Outcome.ACCEPTED);
	}

	@Test
	void failsAnUnsubscribedRecipientWithTheCarriersCode() {
		MessageRequested request = MessageRequests.to("+14152090001");

		requests.send(request);

		DeliveryStatus failed = awaitStatus(request, MessageStatus.FAILED);
		assertThat(failed.getCarrierErrorCode()).isEqualTo("21610");
		assertThat(createsFor(request)).hasSize(1);
	}

	@Test
	void publishesAnOptOutWhenTheCarrierSaysTheRecipientUnsubscribed() {
		MessageRequested request = MessageRequests.to("+14152090002");

		requests.send(request);

		ConsumerRecord<String, OptOutChange> record = optOuts
			.awaitRecord((candidate) -> candidate.value().getRecipient().equals(request.getRecipient()));
		assertThat(record.key()).isEqualTo(request.getAccountId() + ":" + request.getRecipient());
		assertThat(record.value().getAction()).isEqualTo(OptOutAction.OPT_OUT);
		assertThat(record.value().getSource()).isEqualTo(OptOutSource.CARRIER_ERROR);
	}

	@Test
	void rejectsTheNextTextToARecipientTheCarrierUnsubscribedWithoutCallingIt() {
		MessageRequested first = MessageRequests.to("+14152090003");
		requests.send(first);
		awaitStatus(first, MessageStatus.FAILED);
		MessageRequested next = MessageRequests.to("+14152090003");

		requests.send(next);

		DeliveryStatus rejected = awaitStatus(next, MessageStatus.REJECTED);
		assertThat(rejected.getReasonCode()).isEqualTo("OPTED_OUT");
		assertThat(createsFor(next)).isEmpty();
	}

	@Test
	void retriesServerErrorsUntilTheCarrierAccepts() {
		MessageRequested request = MessageRequests.to("+14152080001");

		requests.send(request);

		DeliveryStatus submitted = awaitStatus(request, MessageStatus.SUBMITTED);
		assertThat(submitted.getAttempt()).isEqualTo(3);
		assertThat(createsFor(request)).extracting(ReceivedMessage::httpStatus).containsExactly(500, 500, 201);
	}

	@Test
	void holdsANumberForTheCarriersRetryAfter() {
		MessageRequested request = MessageRequests.to("+14152070001");

		requests.send(request);

		DeliveryStatus submitted = awaitStatus(request, MessageStatus.SUBMITTED);
		assertThat(submitted.getAttempt()).isEqualTo(2);
		List<ReceivedMessage> creates = createsFor(request);
		assertThat(creates).extracting(ReceivedMessage::outcome)
			.containsExactly(Outcome.RATE_LIMITED, Outcome.ACCEPTED);
		assertThat(creates.get(1).receivedAt() - creates.get(0).receivedAt()).isGreaterThanOrEqualTo(2_900);
	}

	@Test
	void expiresATextWhoseValidityHasPassedWithoutCallingTheCarrier() {
		MessageRequested request = MessageRequests.to("+14155550104");
		request.setExpiresAt(Instant.now().minusSeconds(60));

		requests.send(request);

		awaitStatus(request, MessageStatus.EXPIRED);
		assertThat(createsFor(request)).isEmpty();
	}

	private static DeliveryStatus awaitStatus(MessageRequested request, MessageStatus status) {
		return statuses.await(TextStatuses.of(request, status));
	}

	private static List<DeliveryStatus> statusesOf(MessageRequested request) {
		return statuses.values(TextStatuses.of(request));
	}

	private static List<ReceivedMessage> createsFor(MessageRequested request) {
		return SimulatedCarrier.createsFor(carrier, request);
	}

}
