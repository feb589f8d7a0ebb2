package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.smspipeline.dispatch.CarrierLog;
import dev.smspipeline.dispatch.MessageRequests;
import dev.smspipeline.dispatch.SimulatedCarrier;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.messages.Outcome;
import dev.smspipeline.simulator.messages.ReceivedMessage;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-number pacing without head-of-line blocking, measured where it matters: at the
 * carrier simulator, whose {@code receivedAt} is the time its 1-second rule uses. A
 * number keeps at most five texts in memory here, so a backlog is parked and fed back.
 * Latency is measured here, so the class keeps a context of its own, without the spy and
 * the smaller memory of {@code @DispatchIntegrationTest}; the simulator is the shared
 * one.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "sms.dispatch.max-buffered-per-number=5")
class PacingIntegrationTests {

	private static final CarrierSimulator carrier = SimulatedCarrier.shared();

	@RegisterExtension
	static final MessageRequests requests = MessageRequests.open();

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void carrierProperties(DynamicPropertyRegistry registry) {
		SimulatedCarrier.register(registry, carrier);
	}

	@Test
	void sendsFourTextsFiredAtOnceInOrderAtLeastASecondApartWhileFortyOthersGoAtOnce() {
		List<MessageRequested> four = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			four.add(MessageRequests.to("+14155551000"));
		}
		List<MessageRequested> others = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			others.add(MessageRequests.to("+1415555" + (2000 + i)));
		}
		List<MessageRequested> burst = new ArrayList<>(four);
		burst.addAll(others);

		requests.sendAll(burst);

		awaitAccepted(burst);
		List<ReceivedMessage> ofFour = CarrierLog.of(carrier).acceptedFor(four);
		assertThat(ofFour).extracting(ReceivedMessage::idempotencyKey)
			.containsExactlyElementsOf(four.stream().map(MessageRequested::getMessageId).toList());
		assertThat(CarrierLog.gapsPerNumber(ofFour)).allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(1000));
		assertThat(CarrierLog.of(carrier).createsFor(four)).extracting(ReceivedMessage::outcome)
			.containsOnly(Outcome.ACCEPTED);
		List<Long> waits = CarrierLog.latencies(others, CarrierLog.of(carrier).acceptedFor(others));
		assertThat(waits).hasSize(40);
		assertThat(CarrierLog.median(waits)).isLessThan(500);
	}

	@Test
	void servesABacklogInOrderAtItsLegalRateParkingWhatMemoryDoesNotHold() {
		String number = "+14155553000";
		List<MessageRequested> backlog = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			backlog.add(MessageRequests.to(number));
		}
		AtomicLong parkedSeen = new AtomicLong();

		requests.sendAll(backlog);

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			parkedSeen.accumulateAndGet(parked(number), Math::max);
			return CarrierLog.of(carrier).acceptedFor(backlog).size() == backlog.size();
		});
		List<ReceivedMessage> accepted = CarrierLog.of(carrier).acceptedFor(backlog);
		assertThat(accepted).extracting(ReceivedMessage::idempotencyKey)
			.containsExactlyElementsOf(backlog.stream().map(MessageRequested::getMessageId).toList());
		List<Long> gaps = CarrierLog.gapsPerNumber(accepted);
		assertThat(gaps).allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(1000));
		assertThat(CarrierLog.median(gaps)).isLessThan(1050);
		assertThat(parkedSeen.get()).isGreaterThan(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> parked(number) == 0);
	}

	@Test
	void keepsAThousandNumbersFastBesideOneTheCarrierHolds() throws InterruptedException {
		// the first create to a +1415207 number gets a 429 with Retry-After: 3, and its
		// backlog of five then goes at 1/s: it is held or throttled for about 7 s, while
		// 1,000 other numbers text at 125/s beside it
		String held = "+14152074000";
		List<MessageRequested> ofHeld = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ofHeld.add(MessageRequests.to(held));
		}
		List<MessageRequested> others = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			others.add(MessageRequests.to("+1312555" + (4000 + i)));
		}

		requests.sendAll(ofHeld);
		for (int batch = 0; batch < 40; batch++) {
			requests.sendAll(others.subList(batch * 25, (batch + 1) * 25));
			Thread.sleep(200);
		}

		List<MessageRequested> all = new ArrayList<>(ofHeld);
		all.addAll(others);
		awaitAccepted(all);
		List<Long> waits = CarrierLog.latencies(others, CarrierLog.of(carrier).acceptedFor(others))
			.stream()
			.sorted()
			.toList();
		assertThat(CarrierLog.median(waits)).isLessThan(500);
		assertThat(waits.get(waits.size() * 99 / 100)).isLessThan(2000);
		List<ReceivedMessage> creates = CarrierLog.of(carrier).createsFor(ofHeld);
		assertThat(creates.get(0).outcome()).isEqualTo(Outcome.RATE_LIMITED);
		List<ReceivedMessage> accepted = CarrierLog.of(carrier).acceptedFor(ofHeld);
		assertThat(accepted.get(0).receivedAt() - creates.get(0).receivedAt()).isGreaterThanOrEqualTo(3000);
		assertThat(accepted).extracting(ReceivedMessage::idempotencyKey)
			.containsExactlyElementsOf(ofHeld.stream().map(MessageRequested::getMessageId).toList());
		assertThat(CarrierLog.gapsPerNumber(accepted))
			.allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(1000));
	}

	private static List<ReceivedMessage> awaitAccepted(List<MessageRequested> burst) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> CarrierLog.of(carrier).acceptedFor(burst).size() == burst.size());
		Map<String, Map<Outcome, Long>> outcomes = CarrierLog.of(carrier).outcomesById(burst);
		assertThat(outcomes.values()).allSatisfy((counts) -> assertThat(counts.get(Outcome.ACCEPTED)).isEqualTo(1));
		return CarrierLog.of(carrier).acceptedFor(burst);
	}

	private long parked(String number) {
		return this.jdbc.sql("SELECT count(*) FROM parked_message WHERE recipient = ?")
			.param(number)
			.query(Long.class)
			.single();
	}

}
