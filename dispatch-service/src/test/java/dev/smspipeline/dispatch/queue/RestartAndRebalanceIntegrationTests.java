package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

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
 *
 * <p>
 * With static membership ({@code sms.intake.group-instance-id}) and Kafka's default 45 s
 * session timeout: an instance killed and started again under the same id sends again as
 * soon as it is up, instead of after the dead member's session; one stopped gracefully
 * hands its partitions over at once.
 */
class RestartAndRebalanceIntegrationTests {

	private static final String PER_NUMBER = "sms.dispatch.max-buffered-per-number=2";

	private static final Map<String, String> SMALL_MEMORY = Map.of("SMS_DISPATCH_MAX_BUFFERED_PER_NUMBER", "2");

	private static final int PARTITIONS = 6;

	private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(45);

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

	@Test
	void resumesAtOnceWhenAnInstanceKilledWithKill9ComesBackWithItsGroupInstanceId() {
		Map<String, String> staticMember = Map.of("SMS_INTAKE_GROUP_INSTANCE_ID", "dispatch-test-1",
				"SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", String.valueOf(SESSION_TIMEOUT.toMillis()));
		List<MessageRequested> before = onePerPartition("+1312558");
		long killedAt;
		try (DispatchInstances.ChildProcess first = DispatchInstances.child("static-killed", carrier, staticMember)) {
			requests.sendAll(before);
			awaitAllAccepted(before, Duration.ofSeconds(30));

			first.kill();
			killedAt = System.currentTimeMillis();
		}

		try (DispatchInstances.ChildProcess second = DispatchInstances.child("static-restarted", carrier,
				staticMember)) {
			long upAt = System.currentTimeMillis();
			List<MessageRequested> after = onePerPartition("+1312559");
			requests.sendAll(after);

			// every partition is back: the dead member's session (45 s) is not waited out
			awaitAllAccepted(after, Duration.ofSeconds(15));
			long resumedAt = CarrierLog.of(carrier)
				.acceptedFor(after)
				.stream()
				.mapToLong(ReceivedMessage::receivedAt)
				.max()
				.orElseThrow();
			System.out.printf(
					"static membership: restarted instance up %d ms after kill -9, all partitions "
							+ "sending %d ms after it was up (%d ms after the kill)%n",
					upAt - killedAt, resumedAt - upAt, resumedAt - killedAt);
			assertThat(resumedAt - killedAt).isLessThan(SESSION_TIMEOUT.toMillis());
		}
	}

	@Test
	void handsItsPartitionsOverAtOnceWhenAStaticMemberStopsGracefully() {
		String[] session = { "spring.kafka.consumer.properties.session.timeout.ms=" + SESSION_TIMEOUT.toMillis() };
		ConfigurableApplicationContext first = DispatchInstances.inProcess(carrier,
				with(session, "sms.intake.group-instance-id=dispatch-test-a"));
		ConfigurableApplicationContext second = null;
		try {
			second = DispatchInstances.inProcess(carrier,
					with(session, "sms.intake.group-instance-id=dispatch-test-b"));
			ConfigurableApplicationContext joined = second;
			await("both instances hold partitions").atMost(Duration.ofSeconds(30))
				.until(() -> !assigned(first).isEmpty() && !assigned(joined).isEmpty());

			first.close();
			long stoppedAt = System.currentTimeMillis();
			List<MessageRequested> after = onePerPartition("+1312560");
			requests.sendAll(after);

			// the first instance's partitions included: its static members left their
			// groups as it stopped, nobody waits for their sessions to time out
			awaitAllAccepted(after, Duration.ofSeconds(15));
			assertThat(assigned(second)).hasSize(PARTITIONS);
			long resumedAt = CarrierLog.of(carrier)
				.acceptedFor(after)
				.stream()
				.mapToLong(ReceivedMessage::receivedAt)
				.max()
				.orElseThrow();
			System.out.printf("static membership: all partitions sending %d ms after a graceful stop%n",
					resumedAt - stoppedAt);
		}
		finally {
			if (second != null) {
				second.close();
			}
			first.close();
		}
	}

	private static Collection<TopicPartition> assigned(ConfigurableApplicationContext context) {
		MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("message-requested");
		Collection<TopicPartition> partitions = (container != null) ? container.getAssignedPartitions() : null;
		return (partitions != null) ? partitions : List.of();
	}

	private static String[] with(String[] properties, String more) {
		String[] all = Arrays.copyOf(properties, properties.length + 1);
		all[properties.length] = more;
		return all;
	}

	/** A text to one fresh number on each partition of {@code sms.message-requested}. */
	private static List<MessageRequested> onePerPartition(String prefix) {
		List<MessageRequested> texts = new ArrayList<>();
		int start = ThreadLocalRandom.current().nextInt(10_000);
		for (int partition = 0; partition < PARTITIONS; partition++) {
			for (int i = 0;; i++) {
				String candidate = prefix + String.format("%04d", (start + i) % 10_000);
				if (MessageRequests.partitionOf(candidate, PARTITIONS) == partition) {
					texts.add(MessageRequests.to(candidate));
					break;
				}
			}
		}
		return texts;
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
