package dev.smspipeline.campaign.campaign;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Campaign requests and the campaign API.
 *
 * @param defaultValidity a campaign text's validity when the request gives none
 * (docs/contracts.md: PT4H)
 * @param maxValidity longest {@code validity} a request may ask for
 * @param maxSmartSendingWindow longest {@code smartSendingWindow} a request may ask for
 * @param defaultPageSize campaigns per page when {@code limit} is absent
 * @param maxPageSize most campaigns per page
 */
@Validated
@ConfigurationProperties("sms.campaigns")
public record CampaignSettings(@DefaultValue("4h") @NotNull Duration defaultValidity,
		@DefaultValue("3d") @NotNull Duration maxValidity, @DefaultValue("30d") @NotNull Duration maxSmartSendingWindow,
		@DefaultValue("20") @Positive int defaultPageSize, @DefaultValue("100") @Positive @Max(1000) int maxPageSize) {

}
