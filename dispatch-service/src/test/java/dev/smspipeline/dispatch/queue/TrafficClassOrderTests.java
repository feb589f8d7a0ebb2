package dev.smspipeline.dispatch.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static dev.smspipeline.dispatch.queue.DispatchHarness.ADA;
import static dev.smspipeline.dispatch.queue.DispatchHarness.bulk;
import static dev.smspipeline.dispatch.queue.DispatchHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workflow text never waits behind campaign texts: due TRANSACTIONAL texts start before
 * due BULK ones, bulk texts leave carrier calls free for transactional ones, and within a
 * number transactional texts go first.
 */
class TrafficClassOrderTests {

	private static final IntakeRetry RETRY = new IntakeRetry(3, Duration.ofSeconds(2));

	@Test
	void startsADueTransactionalTextBeforeEarlierBulkTexts() {
		DispatchHarness harness = new DispatchHarness(50, 20_000, 1, RETRY, new PrioritySettings(0, 10_000));
		harness.workers.hold();
		harness.take(bulk("+14155551001", "b1").build());
		harness.take(bulk("+14155551002", "b2").build());
		harness.take(request("+14155551003", "t1").build());

		harness.round();
		harness.workers.runAll();
		harness.round();
		harness.workers.runAll();
		harness.round();
		harness.workers.runAll();

		assertThat(harness.attempts.attempted).containsExactly("t1", "b1", "b2");
	}

	@Test
	void startsABulkTextOnlyWhenNoTransactionalTextIsDue() {
		DispatchHarness harness = new DispatchHarness(50, 20_000, 1, RETRY, new PrioritySettings(0, 10_000));
		harness.take(bulk("+14155551001", "b1").build());
		harness.take(request("+14155551002", "t1").setNotBefore(DispatchHarness.T0.plusSeconds(5)).build());

		harness.round();

		assertThat(harness.attempts.attempted).containsExactly("b1");
	}

	@Test
	void keepsInFlightRoomForTransactionalTexts() {
		DispatchHarness harness = new DispatchHarness(50, 20_000, 3, RETRY, new PrioritySettings(1, 10_000));
		harness.workers.hold();
		for (int i = 0; i < 5; i++) {
			harness.take(bulk("+1415555" + (1000 + i), "b" + i).build());
		}
		harness.round();
		assertThat(harness.workers.waiting()).isEqualTo(2);

		harness.take(request("+14155552000", "t1").build());
		harness.round();

		assertThat(harness.workers.waiting()).isEqualTo(3);
		harness.workers.runAll();
		assertThat(harness.attempts.attempted).containsExactly("b0", "b1", "t1");
	}

	@Test
	void leavesAtLeastOneCallForBulkTexts() {
		DispatchHarness harness = new DispatchHarness(50, 20_000, 2, RETRY, new PrioritySettings(5, 10_000));
		harness.workers.hold();
		harness.take(bulk("+14155551001", "b1").build());
		harness.take(bulk("+14155551002", "b2").build());

		harness.round();

		assertThat(harness.workers.waiting()).isOne();
	}

	@Test
	void sendsANumbersTransactionalTextsBeforeItsBulkTextsAtThePacersInterval() {
		DispatchHarness harness = new DispatchHarness();
		harness.take(bulk(ADA, "b1").build());
		harness.take(bulk(ADA, "b2").build());
		harness.take(request(ADA, "t1").build());

		harness.round();
		assertThat(harness.attempts.attempted).containsExactly("t1");
		harness.after(Duration.ofMillis(999));
		assertThat(harness.attempts.attempted).containsExactly("t1");
		harness.after(Duration.ofMillis(1));
		harness.after(Duration.ofSeconds(1));

		assertThat(harness.attempts.attempted).containsExactly("t1", "b1", "b2");
	}

	@Test
	void letsATransactionalTextOvertakeABulkHeadWaitingForTheNumber() {
		DispatchHarness harness = new DispatchHarness();
		harness.take(bulk(ADA, "b1").build());
		harness.round();
		harness.take(bulk(ADA, "b2").build());
		harness.round();

		harness.take(request(ADA, "t1").build());
		harness.after(Duration.ofSeconds(1));
		harness.after(Duration.ofSeconds(1));

		assertThat(harness.attempts.attempted).containsExactly("b1", "t1", "b2");
	}

}
