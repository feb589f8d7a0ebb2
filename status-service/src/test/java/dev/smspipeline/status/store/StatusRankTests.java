package dev.smspipeline.status.store;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smspipeline.events.MessageStatus;

import static org.assertj.core.api.Assertions.assertThat;

class StatusRankTests {

	@Test
	void ranksTheLifecycleInItsOrder() {
		List<MessageStatus> lifecycle = List.of(MessageStatus.REQUESTED, MessageStatus.SCHEDULED, MessageStatus.QUEUED,
				MessageStatus.SUBMITTED, MessageStatus.SENT, MessageStatus.DELIVERY_UNKNOWN, MessageStatus.DELIVERED);

		assertThat(lifecycle.stream().map(StatusRank::of).toList()).isSortedAccordingTo(Integer::compare)
			.doesNotHaveDuplicates();
	}

	@Test
	void ranksEveryTerminalStatusAlikeAndAboveDeliveryUnknown() {
		assertThat(Arrays.asList(MessageStatus.DELIVERED, MessageStatus.UNDELIVERED, MessageStatus.FAILED,
				MessageStatus.REJECTED, MessageStatus.CANCELED, MessageStatus.EXPIRED))
			.allSatisfy((status) -> assertThat(StatusRank.of(status)).isEqualTo(StatusRank.TERMINAL)
				.isGreaterThan(StatusRank.of(MessageStatus.DELIVERY_UNKNOWN)));
	}

	@Test
	void ranksAStatusThisBuildDoesNotKnowBelowEveryOther() {
		assertThat(Arrays.stream(MessageStatus.values()).filter((status) -> status != MessageStatus.UNKNOWN))
			.allSatisfy(
					(status) -> assertThat(StatusRank.of(status)).isGreaterThan(StatusRank.of(MessageStatus.UNKNOWN)));
	}

}
