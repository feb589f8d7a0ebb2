package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.dispatch.submission.Step;

import static dev.smspipeline.dispatch.queue.DispatchHarness.ADA;
import static dev.smspipeline.dispatch.queue.DispatchHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Letting go of a partition: queued texts are dropped for the next owner, what is in
 * flight is waited for, and what comes back too late changes nothing.
 */
class RevocationTests {

	private final DispatchHarness harness = new DispatchHarness();

	@Test
	void dropsAndAbandonsTheQueuedTextsOfARevokedPartition() {
		this.harness.take(ADA, "m1");
		this.harness.take(BOB, "m2");
		PartitionProgress progress = this.harness.progress();

		this.harness.dispatcher.revoked(List.of(progress), Duration.ZERO);

		assertThat(settled(progress)).isTrue();
		assertThat(this.harness.dispatcher.buffered()).isZero();
		this.harness.after(Duration.ofSeconds(5));
		assertThat(this.harness.attempts.attempted).isEmpty();
		assertThat(progress.committable()).isZero();
	}

	@Test
	void keepsTheTextInFlightUntilItComesBack() {
		this.harness.workers.hold();
		this.harness.take(ADA, "m1");
		this.harness.take(ADA, "m2");
		this.harness.round();

		this.harness.dispatcher.lost(List.of(this.harness.progress()));

		assertThat(this.harness.dispatcher.buffered()).isOne();
		this.harness.workers.runAll();
		assertThat(this.harness.dispatcher.buffered()).isZero();
		this.harness.after(Duration.ofSeconds(5));
		assertThat(this.harness.attempts.attempted).containsExactly("m1");
	}

	@Test
	void abandonsAnOutcomeThatComesBackAfterTheRevocation() {
		this.harness.workers.hold();
		this.harness.take(ADA, "m1");
		this.harness.attempts.answer("m1",
				new Step.Retry(DispatchHarness.T0.plusSeconds(5), Step.Hold.NONE, DispatchHarness.T0, true));
		this.harness.round();
		PartitionProgress progress = this.harness.progress();

		this.harness.dispatcher.lost(List.of(progress));
		assertThat(settled(progress)).isFalse();
		this.harness.workers.runAll();

		assertThat(settled(progress)).isTrue();
		this.harness.after(Duration.ofSeconds(10));
		assertThat(this.harness.attempts.attempted).containsExactly("m1");
	}

	@Test
	void waitsForTheTextInFlightBeforeFencingThePartition() throws Exception {
		this.harness.workers.hold();
		this.harness.take(ADA, "m1");
		this.harness.round();
		PartitionProgress progress = this.harness.progress();

		CompletableFuture<Void> revocation = CompletableFuture
			.runAsync(() -> this.harness.dispatcher.revoked(List.of(progress), Duration.ofSeconds(30)));
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !revocation.isDone());
		this.harness.workers.runAll();
		revocation.get(5, TimeUnit.SECONDS);

		assertThat(progress.committable()).isOne();
		assertThat(progress.isRevoked()).isTrue();
	}

	/** Whether every unfinished record of the epoch is abandoned (nothing in flight). */
	private static boolean settled(PartitionProgress progress) {
		try {
			return progress.awaitSettled(System.nanoTime());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
