package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import dev.smspipeline.dispatch.CarrierLog;
import dev.smspipeline.dispatch.DispatchIntegrationTest;
import dev.smspipeline.dispatch.MessageRequests;
import dev.smspipeline.dispatch.SimulatedCarrier;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.events.TrafficClass;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.messages.ReceivedMessage;
import dev.smspipeline.testsupport.accounts.TestAccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A campaign never holds up a workflow text, measured at the carrier simulator: a
 * transactional text overtakes a bulk backlog of other numbers, and one account's long
 * queue to a number does not hold up another account's text to it (here a number keeps
 * two texts of an account in memory, so the long queue is parked).
 */
@DispatchIntegrationTest
class TrafficClassIntegrationTests {

	private static final CarrierSimulator carrier = SimulatedCarrier.shared();

	@RegisterExtension
	static final MessageRequests requests = MessageRequests.open();

	@Autowired
	MeterRegistry meters;

	@Test
	void sendsATransactionalTextWellBeforeABulkBacklogOfOtherNumbersDrains() {
		// the backlog waits in dispatch's memory (not in the topic, as campaign-service's
		// flow control has it) until its notBefore, then is all due at once
		Instant due = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.MILLIS);
		List<MessageRequested> backlog = new ArrayList<>();
		String campaign = "c-" + UUID.randomUUID();
		for (int i = 0; i < 1500; i++) {
			MessageRequested request = bulk(MessageRequests.ofCampaign("+1646555" + (1000 + i), campaign));
			request.setNotBefore(due);
			backlog.add(request);
		}
		MessageRequested code = MessageRequests.to("+16465559000");
		double taken = taken();
		requests.sendAll(backlog);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> taken() >= taken + backlog.size() && Instant.now().isAfter(due.plusMillis(200)));
		int left = backlog.size() - CarrierLog.of(carrier).acceptedFor(backlog).size();

		requests.sendAll(List.of(code));

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> CarrierLog.of(carrier).acceptedFor(List.of(code)).size() == 1);
		ReceivedMessage accepted = CarrierLog.of(carrier).acceptedFor(List.of(code)).get(0);
		assertThat(accepted.receivedAt() - code.getRequestedAt().toEpochMilli()).isLessThan(1000);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> CarrierLog.of(carrier).acceptedFor(backlog).size() == backlog.size());
		long bulkAfter = CarrierLog.of(carrier)
			.acceptedFor(backlog)
			.stream()
			.filter((create) -> create.receivedAt() > accepted.receivedAt())
			.count();
		assertThat(left).isGreaterThan(backlog.size() / 2);
		assertThat(bulkAfter).isGreaterThan(left / 2);
	}

	@Test
	void sendsAnotherAccountsTextToANumberWithinAPacingIntervalOfA300TextQueue() {
		String number = "+16465559100";
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		List<MessageRequested> queue = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			MessageRequested request = bulk(MessageRequests.ofCampaign(number, "c-" + UUID.randomUUID()));
			// what is left of the queue expires soon after the test, instead of going on
			// at one text a second
			request.setExpiresAt(now.plusSeconds(15));
			queue.add(request);
		}
		MessageRequested other = bulk(MessageRequests.ofCampaign(number, "c-" + UUID.randomUUID()));
		other.setAccountId(TestAccount.GLOBEX.id());

		requests.sendAll(queue);
		requests.sendAll(List.of(other));

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> CarrierLog.of(carrier).acceptedFor(List.of(other)).size() == 1);
		ReceivedMessage accepted = CarrierLog.of(carrier).acceptedFor(List.of(other)).get(0);
		assertThat(accepted.receivedAt() - other.getRequestedAt().toEpochMilli()).isLessThan(2500);
		assertThat(CarrierLog.of(carrier).acceptedFor(queue)).hasSizeLessThan(5);
		List<ReceivedMessage> toNumber = new ArrayList<>(CarrierLog.of(carrier).acceptedFor(queue));
		toNumber.add(accepted);
		assertThat(CarrierLog.gapsPerNumber(toNumber))
			.allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(1000));
	}

	private double taken() {
		return this.meters.get("sms.dispatch.taken").counter().count();
	}

	private static MessageRequested bulk(MessageRequested request) {
		request.setPriority(TrafficClass.BULK);
		request.setSource(RequestSource.CAMPAIGN);
		return request;
	}

}
