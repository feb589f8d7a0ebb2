package dev.smspipeline.dispatch.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Texts in memory are bounded: past the global cap the consumer pauses, and it resumes at
 * three quarters of it.
 */
class MemoryBoundTests {

	private final DispatchHarness harness = new DispatchHarness(50, 12, 16, new IntakeRetry(3, Duration.ofSeconds(2)));

	private int taken;

	@Test
	void pausesTheConsumerWhenMemoryIsFull() {
		takeOneTextEach(11);
		assertThat(this.harness.gate).isEmpty();

		takeOneTextEach(1);

		assertThat(this.harness.gate).containsExactly("pause");
		assertThat(this.harness.dispatcher.buffered()).isEqualTo(12);
	}

	@Test
	void resumesOnlyOnceMemoryFellToThreeQuarters() {
		this.harness.workers.hold();
		takeOneTextEach(12);
		this.harness.round();

		for (int i = 0; i < 2; i++) {
			this.harness.workers.runNext();
		}
		assertThat(this.harness.gate).containsExactly("pause");
		this.harness.workers.runNext();

		assertThat(this.harness.dispatcher.buffered()).isEqualTo(9);
		assertThat(this.harness.gate).containsExactly("pause", "resume");
	}

	@Test
	void countsTextsBeingSettledAsInMemory() {
		this.harness.settlers.hold();
		this.harness.clock.advance(Duration.ofHours(1));

		for (int i = 0; i < 12; i++) {
			this.harness.take(
					DispatchHarness.request("+1415555" + (1000 + i), "e" + i).setExpiresAt(DispatchHarness.T0).build());
		}

		assertThat(this.harness.gate).containsExactly("pause");
		this.harness.settlers.runAll();
		assertThat(this.harness.gate).containsExactly("pause", "resume");
		assertThat(this.harness.dispatcher.buffered()).isZero();
	}

	private void takeOneTextEach(int numbers) {
		for (int i = 0; i < numbers; i++) {
			int n = this.taken++;
			this.harness.take("+1415555" + (1000 + n), "m" + n);
		}
	}

}
