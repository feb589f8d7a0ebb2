package dev.smspipeline.campaign.message;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Texts, one-off and campaign alike.
 *
 * @param defaultSender the From number of a text that names none, of an account with no
 * default sender of its own (see {@link Senders})
 * @param validity how long a one-off text may wait for submission before it ends EXPIRED
 * (campaigns set their own {@code validity})
 * @param maxSegments most SMS segments a body may take (GSM-7 153 or UCS-2 67 characters
 * each once concatenated); a longer body is refused with 400, a campaign text that
 * renders longer ends REJECTED with {@code TOO_LONG}
 * @param duplicateWindow how long after a one-off text the same body to the same number
 * of the same account counts as a duplicate trigger (answered with the first text's id,
 * not sent); {@code 0} turns the check off
 * @param maxScheduleAhead how far ahead a one-off's {@code sendAt} may lie; further is
 * refused (400 naming {@code sendAt}, or the CRM record to the DLT with
 * {@code INVALID_FIELD})
 */
@Validated
@ConfigurationProperties("sms.messages")
public record MessageSettings(@DefaultValue("+15005550006") @NotBlank String defaultSender,
		@DefaultValue("4h") Duration validity, @DefaultValue("10") @Positive @Max(255) int maxSegments,
		@DefaultValue("2m") @NotNull Duration duplicateWindow,
		@DefaultValue("30d") @NotNull Duration maxScheduleAhead) {

}
