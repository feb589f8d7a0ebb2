package dev.smspipeline.campaign.message;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * One-off messages.
 *
 * @param defaultSender the From number when a request names none
 * @param validity how long a text may wait for submission before it ends EXPIRED
 * @param maxBodyLength longest body accepted, in characters (10 concatenated segments)
 */
@Validated
@ConfigurationProperties("sms.messages")
public record MessageSettings(@DefaultValue("+15005550006") @NotBlank String defaultSender,
		@DefaultValue("4h") Duration validity, @DefaultValue("1600") @Positive int maxBodyLength) {

}
