/**
 * Turning an activated campaign's audience into texts: a SCHEDULED campaign whose start
 * time came becomes PROCESSING, its audience is read in pieces that each become held,
 * rejected or expired texts with their first status, and it moves on to SENDING (or
 * FAILED when no text is left to send)
 * ({@link dev.smspipeline.campaign.processing.CampaignProcessor}).
 */
package dev.smspipeline.campaign.processing;
