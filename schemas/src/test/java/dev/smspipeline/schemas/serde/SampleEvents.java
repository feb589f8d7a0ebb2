package dev.smspipeline.schemas.serde;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.events.CrmSmsRequest;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.Topics;

/**
 * One record of every contract with every field set, and the topic it travels on.
 */
final class SampleEvents {

	static final Instant NOW = Instant.ofEpochMilli(1_760_000_000_123L);

	private SampleEvents() {
	}

	record Sample(String topic, SpecificRecord record) {

		@Override
		public String toString() {
			return this.record.getSchema().getName();
		}

	}

	static List<Sample> all() {
		return List.of(new Sample(Topics.MESSAGE_REQUESTED, messageRequested()),
				new Sample(Topics.DELIVERY_STATUS, deliveryStatus()),
				new Sample(Topics.CAMPAIGN_EVENTS, campaignEvent()),
				new Sample(Topics.CRM_SMS_REQUESTS, crmSmsRequest()), new Sample(Topics.OPT_OUTS, optOutChange()));
	}

	static MessageRequested messageRequested() {
		return MessageRequested.newBuilder()
			.setMessageId("msg-1")
			.setAccountId("acct-1")
			.setCampaignId("camp-1")
			.setRecipient("+14155550100")
			.setSender("+14155550199")
			.setBody("Hello Ada, your order shipped")
			.setSegments(2)
			.setIdempotencyKey("idem-1")
			.setRequestedAt(NOW)
			.setNotBefore(NOW.plusSeconds(60))
			.setExpiresAt(NOW.plusSeconds(4 * 3600))
			.setSource(RequestSource.CAMPAIGN)
			.setAttributes(Map.of("leadId", "lead-7"))
			.build();
	}

	static DeliveryStatus deliveryStatus() {
		return DeliveryStatus.newBuilder()
			.setEventId("evt-1")
			.setMessageId("msg-1")
			.setAccountId("acct-1")
			.setCampaignId("camp-1")
			.setRecipient("+14155550100")
			.setSender("+14155550199")
			.setStatus(MessageStatus.UNDELIVERED)
			.setReasonCode(null)
			.setCarrierErrorCode("30008")
			.setCarrierErrorDescription("Unknown error")
			.setCarrierMessageId("SM123")
			.setSegments(2)
			.setAttempt(1)
			.setOccurredAt(NOW)
			.setSource(StatusSource.CARRIER_CALLBACK)
			.setAttributes(Map.of("region", "us"))
			.build();
	}

	static CampaignEvent campaignEvent() {
		return CampaignEvent.newBuilder()
			.setEventId("evt-2")
			.setCampaignId("camp-1")
			.setAccountId("acct-1")
			.setType(CampaignEventType.COMPLETED)
			.setStatus(CampaignStatus.DONE)
			.setPreviousStatus(CampaignStatus.SENT)
			.setReason("ALL_TERMINAL")
			.setRecipient(null)
			.setCounts(Map.of("delivered", 10L, "error", 1L))
			.setOccurredAt(NOW)
			.build();
	}

	static CrmSmsRequest crmSmsRequest() {
		return CrmSmsRequest.newBuilder()
			.setEventId("crm-1")
			.setAccountId("acct-1")
			.setRecipient("+14155550100")
			.setBody("Your code is 1234")
			.setSender(null)
			.setCampaignId(null)
			.setRespectQuietHours(true)
			.setAllowDuplicate(false)
			.setSendAt(NOW.plusSeconds(30))
			.setRequestedAt(NOW)
			.setAttributes(Map.of())
			.build();
	}

	static OptOutChange optOutChange() {
		return OptOutChange.newBuilder()
			.setEventId("opt-1")
			.setAccountId("acct-1")
			.setRecipient("+14155550100")
			.setAction(OptOutAction.OPT_OUT)
			.setSource(OptOutSource.INBOUND_KEYWORD)
			.setKeyword("STOP")
			.setSender("+14155550199")
			.setOccurredAt(NOW)
			.build();
	}

}
