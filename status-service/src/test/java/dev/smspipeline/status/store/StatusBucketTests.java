package dev.smspipeline.status.store;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.smspipeline.events.MessageStatus;

import static org.assertj.core.api.Assertions.assertThat;

class StatusBucketTests {

	@Test
	void mapsTheStatusesAsTheDesignDoes() {
		assertThat(StatusBucket.IN_QUEUE.statuses()).containsExactlyInAnyOrder(MessageStatus.REQUESTED,
				MessageStatus.SCHEDULED, MessageStatus.QUEUED, MessageStatus.UNKNOWN);
		assertThat(StatusBucket.OUTBOX.statuses()).containsExactlyInAnyOrder(MessageStatus.SUBMITTED,
				MessageStatus.SENT);
		assertThat(StatusBucket.ERROR.statuses()).containsExactlyInAnyOrder(MessageStatus.UNDELIVERED,
				MessageStatus.FAILED, MessageStatus.REJECTED, MessageStatus.EXPIRED);
		assertThat(StatusBucket.DELIVERED.statuses()).containsExactly(MessageStatus.DELIVERED);
		assertThat(StatusBucket.DELIVERY_UNKNOWN.statuses()).containsExactly(MessageStatus.DELIVERY_UNKNOWN);
		assertThat(StatusBucket.CANCELED.statuses()).containsExactly(MessageStatus.CANCELED);
		assertThat(StatusBucket.DELETED.statuses()).containsExactly(MessageStatus.CANCELED);
	}

	@Test
	void putsEveryStatusInExactlyOneBucketOtherThanDeleted() {
		Set<MessageStatus> seen = EnumSet.noneOf(MessageStatus.class);
		Arrays.stream(StatusBucket.values())
			.filter((bucket) -> bucket != StatusBucket.DELETED)
			.forEach((bucket) -> bucket.statuses().forEach((status) -> assertThat(seen.add(status)).isTrue()));
		assertThat(seen).containsExactlyInAnyOrder(MessageStatus.values());
	}

	@Test
	void countsDeliveryUnknownAsFinalForCompletionAndTheQueueAndOutboxAsNot() {
		assertThat(Arrays.stream(StatusBucket.values()).filter(StatusBucket::terminal)).containsExactly(
				StatusBucket.DELIVERED, StatusBucket.ERROR, StatusBucket.DELIVERY_UNKNOWN, StatusBucket.CANCELED,
				StatusBucket.DELETED);
	}

	@Test
	void findsABucketByItsApiName() {
		assertThat(StatusBucket.fromApiName("error")).contains(StatusBucket.ERROR);
		assertThat(StatusBucket.fromApiName("deliveryUnknown")).contains(StatusBucket.DELIVERY_UNKNOWN);
		assertThat(StatusBucket.fromApiName("ERROR")).isEmpty();
	}

}
