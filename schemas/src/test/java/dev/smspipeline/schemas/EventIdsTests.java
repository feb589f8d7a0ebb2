package dev.smspipeline.schemas;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.smspipeline.events.MessageStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each id is spelt out as it is already written to the topics and the store: a change
 * here would make old and new events of the same fact look different.
 */
class EventIdsTests {

	private static final Instant AT = Instant.parse("2026-03-01T20:15:30.123Z");

	@Test
	void aTextStatusIsTheMessageAndTheStatus() {
		assertThat(EventIds.textStatus("m-1", MessageStatus.REJECTED)).isEqualTo("m-1:REJECTED");
	}

	@Test
	void aHeldTextIsScheduledUntilItsReleaseInEpochMillis() {
		assertThat(EventIds.held("m-1", AT)).isEqualTo("m-1:SCHEDULED:" + AT.toEpochMilli())
			.isEqualTo("m-1:SCHEDULED:1772396130123");
	}

	@Test
	void aDispatchStatusCarriesItsAttempt() {
		assertThat(EventIds.dispatchStatus("m-1", MessageStatus.SUBMITTED, 2)).isEqualTo("m-1:SUBMITTED:2");
	}

	@Test
	void aDispatchStatusForAReasonCarriesTheReasonInsteadOfTheAttempt() {
		assertThat(EventIds.dispatchStatus("m-1", MessageStatus.FAILED, "PROCESSING_FAILED"))
			.isEqualTo("m-1:FAILED:PROCESSING_FAILED");
	}

	@Test
	void aCarrierOptOutIsTheRefusedMessageAndTheCarrierCode() {
		assertThat(EventIds.carrierOptOut("m-1", "21610")).isEqualTo("m-1:OPT_OUT:21610");
	}

	@Test
	void aCarrierCallbackIsTheSidAndTheStatus() {
		assertThat(EventIds.carrierCallback("SM1", MessageStatus.DELIVERED, null)).isEqualTo("SM1:DELIVERED");
	}

	@Test
	void aCarrierCallbackWithAnErrorCodeEndsWithIt() {
		assertThat(EventIds.carrierCallback("SM1", MessageStatus.UNDELIVERED, "30003"))
			.isEqualTo("SM1:UNDELIVERED:30003");
	}

	@Test
	void anAgedTextIsDeliveryUnknown() {
		assertThat(EventIds.deliveryUnknown("m-1")).isEqualTo("m-1:DELIVERY_UNKNOWN");
	}

	@Test
	void anInboundReplyIsItsSidAndTheAccount() {
		assertThat(EventIds.inboundReply(" SM9 ", "STOP", "+12125550100", "+13105550199", AT, "acme"))
			.isEqualTo("SM9:acme");
	}

	@Test
	void anInboundReplyWithoutASidIsTheKeywordNumbersAndTime() {
		assertThat(EventIds.inboundReply(" ", "STOP", " +12125550100", "+13105550199 ", AT, "acme"))
			.isEqualTo("STOP:+12125550100:+13105550199:1772396130123:acme");
		assertThat(EventIds.inboundReply(null, "START", "+12125550100", "+13105550199", AT, "acme"))
			.isEqualTo("START:+12125550100:+13105550199:1772396130123:acme");
	}

	@Test
	void aCampaignTransitionIsTheCampaignAndItsVersion() {
		assertThat(EventIds.campaignTransition("3f1c0c9e-0000-4000-8000-000000000001", 4))
			.isEqualTo("3f1c0c9e-0000-4000-8000-000000000001:4");
	}

	@Test
	void aDeletedRecipientIsTheCampaignAndTheNumber() {
		assertThat(EventIds.recipientDeleted("c-1", "+12125550100")).isEqualTo("c-1:RECIPIENT_DELETED:+12125550100");
	}

	@Test
	void aCompletedCampaignCompletesOnce() {
		assertThat(EventIds.campaignCompleted("c-1")).isEqualTo("c-1:COMPLETED");
	}

}
