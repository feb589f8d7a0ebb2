package dev.smspipeline.campaign.message;

import java.time.Instant;
import java.util.Locale;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import dev.smspipeline.events.TrafficClass;

/**
 * Body of {@code POST /api/v1/messages}.
 *
 * @param recipient phone number, E.164 preferred
 * @param body the text
 * @param sender From number; the account's default when absent
 * @param campaignId campaign to count the text under, if any
 * @param respectQuietHours whether to hold the text through the recipient's quiet hours
 * @param allowDuplicate {@code true} sends the text even when the same body went to the
 * same number within the duplicate window
 * @param priority {@code transactional} (default): served before every due bulk text;
 * {@code bulk}: a newsletter sent one by one, served like campaign texts
 * @param sendAt ISO-8601 instant before which the text is not sent, at most
 * {@code sms.messages.max-schedule-ahead} ahead; the text is held here until then
 */
public record SendMessageRequest(@NotBlank(message = "is required") String recipient,
		@NotBlank(message = "is required") String body, String sender, String campaignId, Boolean respectQuietHours,
		Boolean allowDuplicate,
		@Pattern(regexp = "(?i)transactional|bulk", message = "must be transactional or bulk") String priority,
		Instant sendAt) {

	OneOffRequest toOneOff() {
		return new OneOffRequest(this.recipient, this.body, this.sender, this.campaignId,
				Boolean.TRUE.equals(this.allowDuplicate), this.sendAt, null,
				(this.priority != null) ? TrafficClass.valueOf(this.priority.toUpperCase(Locale.ROOT)) : null,
				Boolean.TRUE.equals(this.respectQuietHours), null);
	}

}
