package dev.smspipeline.dispatch.offsets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.Acknowledgment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commit rule: only up to the first unfinished record, whatever order records finish
 * in.
 */
class PartitionProgressTests {

	private final List<Long> acknowledged = new ArrayList<>();

	private final PartitionProgress progress = new PartitionProgress(new TopicPartition("t", 0), 10, Instant.EPOCH);

	@Test
	void commitsNothingWhileTheFirstRecordIsUnfinished() {
		track(10, 11, 12);

		this.progress.complete(11);
		this.progress.complete(12);

		assertThat(this.acknowledged).isEmpty();
		assertThat(this.progress.committable()).isEqualTo(10);
	}

	@Test
	void jumpsToTheNextUnfinishedRecordWhenTheFirstFinishes() {
		track(10, 11, 12, 13);
		this.progress.complete(11);
		this.progress.complete(12);

		this.progress.complete(10);

		assertThat(this.acknowledged).containsExactly(12L);
		assertThat(this.progress.committable()).isEqualTo(13);
	}

	@Test
	void commitsPastEverythingOnceAllFinish() {
		track(10, 11, 12);

		this.progress.complete(12);
		this.progress.complete(10);
		this.progress.complete(11);

		assertThat(this.acknowledged).containsExactly(10L, 12L);
		assertThat(this.progress.committable()).isEqualTo(13);
	}

	@Test
	void treatsOffsetsNeverSeenAsFinished() {
		// 11 and 13 are transaction markers: never delivered
		track(10, 12, 14);

		this.progress.complete(14);
		this.progress.complete(12);
		this.progress.complete(10);

		assertThat(this.progress.committable()).isEqualTo(15);
	}

	@Test
	void carriesTheHighestFinishedAcrossManyGaps() {
		track(10, 11, 12, 13, 14, 15);
		this.progress.complete(15);
		this.progress.complete(13);
		this.progress.complete(11);
		this.progress.complete(14);
		this.progress.complete(12);

		this.progress.complete(10);

		assertThat(this.acknowledged).containsExactly(15L);
		assertThat(this.progress.unfinished()).isZero();
	}

	@Test
	void ignoresARecordDeliveredTwiceInTheSameEpoch() {
		track(10, 11);

		assertThat(this.progress.track(11, () -> this.acknowledged.add(-1L))).isFalse();
	}

	@Test
	void ignoresCompletionsOnceRevoked() {
		track(10, 11);
		this.progress.revoke();

		this.progress.complete(10);

		assertThat(this.acknowledged).isEmpty();
		assertThat(this.progress.track(12, () -> this.acknowledged.add(12L))).isFalse();
	}

	@Test
	void settlesWhenOnlyAbandonedRecordsAreLeft() throws InterruptedException {
		track(10, 11, 12);
		this.progress.abandon(10);
		this.progress.complete(11);
		this.progress.complete(12);

		assertThat(this.progress.awaitSettled(System.nanoTime() + 1_000_000)).isTrue();
		assertThat(this.acknowledged).isEmpty();
	}

	@Test
	void doesNotSettleWhileARecordIsInFlight() throws InterruptedException {
		track(10, 11);
		this.progress.abandon(11);

		assertThat(this.progress.awaitSettled(System.nanoTime() + 20_000_000)).isFalse();
	}

	@Test
	void knowsRecordsBelowTheStartPositionWereTakenBefore() {
		assertThat(this.progress.takenBelow()).isEqualTo(10);
		track(10, 11);
		assertThat(this.progress.takenBelow()).isEqualTo(12);
	}

	private void track(long... offsets) {
		for (long offset : offsets) {
			Acknowledgment ack = () -> this.acknowledged.add(offset);
			assertThat(this.progress.track(offset, ack)).isTrue();
		}
	}

}
