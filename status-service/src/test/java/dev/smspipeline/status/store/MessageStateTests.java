package dev.smspipeline.status.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;

import static org.assertj.core.api.Assertions.assertThat;

class MessageStateTests {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	@Test
	void endsInTheSameStateWhateverOrderTheEventsArriveIn() {
		List<DeliveryStatus> events = List.of(
				event(MessageStatus.REQUESTED, 0).setCampaignId("c-1").setRecipient("+14155550100").build(),
				event(MessageStatus.QUEUED, 1).build(),
				event(MessageStatus.SUBMITTED, 2).setCarrierMessageId("SM1").build(),
				event(MessageStatus.SENT, 3).build(), event(MessageStatus.DELIVERED, 9).build());
		MessageState inOrder = fold(events);
		Random random = new Random(42);
		for (int i = 0; i < 50; i++) {
			List<DeliveryStatus> shuffled = new ArrayList<>(events);
			Collections.shuffle(shuffled, random);
			shuffled.add(shuffled.get(random.nextInt(shuffled.size())));
			assertThat(fold(shuffled)).isEqualTo(inOrder);
		}
		assertThat(inOrder.status()).isEqualTo(MessageStatus.DELIVERED);
		assertThat(inOrder.bucket()).isEqualTo(StatusBucket.DELIVERED);
		assertThat(inOrder.createdAt()).isEqualTo(T0);
		assertThat(inOrder.updatedAt()).isEqualTo(T0.plusSeconds(9));
		assertThat(inOrder.submittedAt()).isEqualTo(T0.plusSeconds(2));
		assertThat(inOrder.lastSubmittedAt()).isEqualTo(T0.plusSeconds(3));
		assertThat(inOrder.campaignId()).isEqualTo("c-1");
		assertThat(inOrder.carrierMessageId()).isEqualTo("SM1");
	}

	@Test
	void changesNothingWhenTheSameEventIsAppliedAgain() {
		DeliveryStatus sent = event(MessageStatus.SENT, 3).setCampaignId("c-1").build();
		MessageState once = MessageState.first(sent);

		assertThat(once.apply(sent)).isEqualTo(once);
	}

	@Test
	void letsALateDeliveredUpgradeDeliveryUnknownButNoOtherStatusReplaceAFinalOne() {
		MessageState unknown = MessageState.first(event(MessageStatus.DELIVERY_UNKNOWN, 5).setReasonCode("X").build());

		MessageState delivered = unknown.apply(event(MessageStatus.DELIVERED, 6).build());
		MessageState stillDelivered = delivered
			.apply(event(MessageStatus.UNDELIVERED, 7).setCarrierErrorCode("30008").build());

		assertThat(delivered.status()).isEqualTo(MessageStatus.DELIVERED);
		assertThat(delivered.reasonCode()).isNull();
		assertThat(stillDelivered).isEqualTo(delivered);
	}

	@Test
	void putsATextCanceledForADeletedLeadInTheDeletedBucket() {
		MessageState deleted = MessageState
			.first(event(MessageStatus.CANCELED, 1).setReasonCode(StatusBucket.LEAD_DELETED).build());
		MessageState canceled = MessageState
			.first(event(MessageStatus.CANCELED, 1).setReasonCode("CAMPAIGN_CANCELED").build());

		assertThat(deleted.bucket()).isEqualTo(StatusBucket.DELETED);
		assertThat(canceled.bucket()).isEqualTo(StatusBucket.CANCELED);
	}

	@Test
	void dropsNulCharactersAndTreatsBlankAsAbsent() {
		MessageState state = MessageState
			.first(event(MessageStatus.REQUESTED, 0).setRecipient("  ").setCampaignId("c\0-1").build());

		assertThat(state.recipient()).isNull();
		assertThat(state.campaignId()).isEqualTo("c-1");
	}

	private static MessageState fold(List<DeliveryStatus> events) {
		MessageState state = null;
		for (DeliveryStatus event : events) {
			state = (state != null) ? state.apply(event) : MessageState.first(event);
		}
		return state;
	}

	private static DeliveryStatus.Builder event(MessageStatus status, int second) {
		return DeliveryStatus.newBuilder()
			.setEventId("m-1:" + status)
			.setMessageId("m-1")
			.setAccountId("acme")
			.setStatus(status)
			.setOccurredAt(T0.plusSeconds(second))
			.setSource(StatusSource.CARRIER_CALLBACK)
			.setAttributes(Map.of());
	}

}
