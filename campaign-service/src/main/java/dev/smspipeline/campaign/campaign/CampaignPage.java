package dev.smspipeline.campaign.campaign;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A page of campaigns, newest first.
 *
 * @param items the campaigns
 * @param next the cursor of the next page, {@code null} on the last
 */
public record CampaignPage(List<CampaignSummary> items, @JsonInclude(JsonInclude.Include.ALWAYS) String next) {

}
