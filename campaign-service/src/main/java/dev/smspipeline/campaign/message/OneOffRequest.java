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
 * @param respectQuietHours whether to hold the text through the recipient's quiet hours
 * (the default quiet hours of campaigns, 21:00 to 08:00 local time)
 * @param requestedAt when the caller requested it (a CRM record's {@code requestedAt},
 * else the record's timestamp), or {@code null} for when it is read; its validity runs
 * from the later of this and {@code notBefore}
 */
public record OneOffRequest(String recipient, String body, String sender, String campaignId, boolean allowDuplicate,
		Instant notBefore, Map<String, String> attributes, TrafficClass priority, boolean respectQuietHours,
		Instant requestedAt) {

	public OneOffRequest {
		attributes = (attributes != null) ? Map.copyOf(attributes) : Map.of();
		priority = (priority != null) ? priority : TrafficClass.TRANSACTIONAL;
	}

	/**
	 * The same request from another sender.
	 * @param sender the sender, in its canonical form
	 * @return the request
	 */
	public OneOffRequest withSender(String sender) {
		return new OneOffRequest(this.recipient, this.body, sender, this.campaignId, this.allowDuplicate,
				this.notBefore, this.attributes, this.priority, this.respectQuietHours, this.requestedAt);
	}

	/** A request read as it arrives, that does not respect quiet hours. */
	public OneOffRequest(String recipient, String body, String sender, String campaignId, boolean allowDuplicate,
			Instant notBefore, Map<String, String> attributes, TrafficClass priority) {
		this(recipient, body, sender, campaignId, allowDuplicate, notBefore, attributes, priority, false, null);
	}

}
