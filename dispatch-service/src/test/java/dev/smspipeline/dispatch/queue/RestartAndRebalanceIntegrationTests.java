package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.smspipeline.dispatch.CarrierLog;
import dev.smspipeline.dispatch.DispatchInstances;
import dev.smspipeline.dispatch.MessageRequests;
import dev.smspipeline.dispatch.SimulatedCarrier;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.messages.Outcome;
import dev.smspipeline.simulator.messages.ReceivedMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instances that die and join mid-burst: every text still reaches the carrier exactly
 * once, in order per number, never closer than the interval, whoever sends it. Each
 * instance keeps only two texts per number in memory, so most of a number's texts are
 * parked when the instance dies or loses the partition, and the next owner feeds them
 * back in order. No application context of a test class runs here: the instances are
 * started by the tests, in the shared consumer group.
 */
class RestartAndRebalanceIntegrationTests {

	private static final String PER_NUMBER = "sms.dispatch.max-buffered-per-number=2";

	private static final Map<String, String> SMALL_MEMORY = Map.of("SMS_DISPATCH_MAX_BUFFERED_PER_NUMBER", "2");

	private static final CarrierSimulator carrier = SimulatedCarrier.start();

	private static MessageRequests requests;

	@BeforeAll
	static void open() {
		requests = MessageRequests.open();
	}

	@AfterAll
	static void close() {
		requests.close();
		carrier.close();
	}

	@BeforeEach
	void clearCarrier() {
		carrier.clear();
	}

	@Test
	void submitsEveryTextOnceWhenAnInstanceIsKilledMidStreamAndAnotherTakesOver() {
		List<MessageRequested> burst = burst("+1312556", 30, 4);
		try (DispatchInstances.ChildProcess first = DispatchInstances.child("killed", carrier, SMALL_MEMORY)) {
			requests.sendAll(burst);
			await().atMost(Duration.ofSeconds(30)).until(() -> CarrierLog.of(carrier).acceptedFor(burst).size() >= 40);

			first.kill();
		}
		assertThat(CarrierLog.of(carrier).acceptedFor(burst).size()).isLessThan(burst.size());

		try (DispatchInstances.ChildProcess second = DispatchInstances.child("after-kill", carrier, SMALL_MEMORY)) {
			awaitAllAccepted(burst, Duration.ofSeconds(90));
		}
		assertOnceInOrderAndPaced(burst);
	}

	@Test
	void keepsTheIntervalAcrossARebalanceBetweenTwoInstances() {
		List<MessageRequested> burst = burst("+1312557", 20, 12);
		ConfigurableApplicationContext first = DispatchInstances.inProcess(carrier, PER_NUMBER);
		ConfigurableApplicationContext second = null;
		try {
			requests.sendAll(burst);
			await().atMost(Duration.ofSeconds(30)).until(() -> CarrierLog.of(carrier).acceptedFor(burst).size() >= 30);

			second = DispatchInstances.inProcess(carrier, PER_NUMBER);

			awaitAllAccepted(burst, Duration.ofSeconds(60));
			// the second instance sent some: texts it read, or parked texts of its
			// partitions
			assertThat(submitted(second)).isPositive();
		}
		finally {
			if (second != null) {
				second.close();
			}
			first.close();
		}
		assertOnceInOrderAndPaced(burst);
	}

	private static double submitted(ConfigurableApplicationContext context) {
		return context.getBean(MeterRegistry.class).get("sms.dispatch.submitted").counter().count();
	}

	/** {@code perNumber} texts to each of {@code numbers} numbers, interleaved. */
	private static List<MessageRequested> burst(String prefix, int numbers, int perNumber) {
		List<MessageRequested> burst = new ArrayList<>();
		for (int round = 0; round < perNumber; round++) {
			for (int n = 0; n < numbers; n++) {
				burst.add(MessageRequests.to(prefix + (1000 + n)));
			}
		}
		return Collections.unmodifiableList(burst);
	}

	private static void awaitAllAccepted(List<MessageRequested> burst, Duration atMost) {
		await().atMost(atMost)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> CarrierLog.of(carrier).acceptedFor(burst).size() >= burst.size());
	}

	private static void assertOnceInOrderAndPaced(List<MessageRequested> burst) {
		CarrierLog log = CarrierLog.of(carrier);
		Map<String, Map<Outcome, Long>> outcomes = log.outcomesById(burst);
		assertThat(outcomes).hasSize(burst.size());
		assertThat(outcomes.values()).allSatisfy((counts) -> assertThat(counts.get(Outcome.ACCEPTED)).isEqualTo(1));
		List<ReceivedMessage> accepted = log.acceptedFor(burst);
		assertThat(CarrierLog.orderPerNumber(accepted)).isEqualTo(CarrierLog.requestedOrder(burst));
		assertThat(CarrierLog.gapsPerNumber(accepted))
			.allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(1000));
		assertThat(log.createsFor(burst)).extracting(ReceivedMessage::outcome).doesNotContain(Outcome.RATE_LIMITED);
	}

}
