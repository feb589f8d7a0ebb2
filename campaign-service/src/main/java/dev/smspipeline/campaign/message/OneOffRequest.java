package dev.smspipeline.campaign.message;

import java.time.Instant;
import java.util.Map;

import dev.smspipeline.events.TrafficClass;

/**
 * One one-off text as both entry points ({@code POST /api/v1/messages},
 * {@code crm.sms-requests}) describe it.
 *
 * @param recipient phone number as given
 * @param body the text
 * @param sender From number, or {@code null} for the default
 * @param campaignId campaign to count the text under, or {@code null}
 * @param allowDuplicate whether to send it even if the same text went to the same number
 * within the duplicate window
 * @param notBefore earliest submission, or {@code null} for now
 * @param attributes free-form, passed on to dispatch
 * @param priority traffic class; TRANSACTIONAL when {@code null}
 */
public record OneOffRequest(String recipient, String body, String sender, String campaignId, boolean allowDuplicate,
		Instant notBefore, Map<String, String> attributes, TrafficClass priority) {

	public OneOffRequest {
		attributes = (attributes != null) ? Map.copyOf(attributes) : Map.of();
		priority = (priority != null) ? priority : TrafficClass.TRANSACTIONAL;
	}

}
