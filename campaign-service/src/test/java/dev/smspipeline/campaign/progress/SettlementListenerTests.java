package dev.smspipeline.campaign.progress;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.smspipeline.campaign.campaign.CampaignTexts.Settled;
import dev.smspipeline.campaign.campaign.MessageState;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;

import static org.assertj.core.api.Assertions.assertThat;

class SettlementListenerTests {

	@Test
	void settlesACampaignTextSubmittedByDispatch() {
		assertThat(SettlementListener.settlement(status("c-1", StatusSource.DISPATCH, MessageStatus.SUBMITTED)))
			.isEqualTo(new Settled(MessageState.SUBMITTED, null));
	}

	@Test
	void settlesACampaignTextUnsentWithTheStatusDispatchEndedItIn() {
		assertThat(SettlementListener.settlement(status("c-1", StatusSource.DISPATCH, MessageStatus.CANCELED)))
			.isEqualTo(new Settled(MessageState.UNSENT, "CANCELED"));
	}

	@Test
	void takesACarrierStatusAsProofOfSubmission() {
		assertThat(SettlementListener.settlement(status("c-1", StatusSource.CARRIER_CALLBACK, MessageStatus.FAILED)))
			.isEqualTo(new Settled(MessageState.SUBMITTED, null));
	}

	@Test
	void ignoresQueued() {
		assertThat(SettlementListener.settlement(status("c-1", StatusSource.DISPATCH, MessageStatus.QUEUED))).isNull();
	}

	@Test
	void ignoresCampaignServicesOwnStatuses() {
		assertThat(SettlementListener.settlement(status("c-1", StatusSource.CAMPAIGN, MessageStatus.CANCELED)))
			.isNull();
	}

	@Test
	void ignoresOneOffTexts() {
		assertThat(SettlementListener.settlement(status(null, StatusSource.DISPATCH, MessageStatus.SUBMITTED)))
			.isNull();
	}

	private static DeliveryStatus status(String campaignId, StatusSource source, MessageStatus status) {
		return DeliveryStatus.newBuilder()
			.setEventId("e")
			.setMessageId("00000000-0000-0000-0000-000000000001")
			.setAccountId("acme")
			.setCampaignId(campaignId)
			.setRecipient("+14155550100")
			.setStatus(status)
			.setOccurredAt(Instant.EPOCH)
			.setSource(source)
			.setAttributes(Map.of())
			.build();
	}

}
