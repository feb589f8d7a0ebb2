/**
 * Campaigns and their lifecycle: the {@code /api/v1/campaigns} API, drafts and their
 * edits, activation and cancellation, and the one place a campaign's status changes
 * ({@link dev.smspipeline.campaign.campaign.Lifecycle}), which publishes every transition
 * on {@code sms.campaign-events} through the outbox. Owns the {@code campaign} table
 * ({@link dev.smspipeline.campaign.campaign.CampaignStore}) and the
 * {@code campaign_message} table of campaign texts
 * ({@link dev.smspipeline.campaign.campaign.CampaignTexts}); other packages reach them
 * through named methods only, never through SQL of their own.
 */
package dev.smspipeline.campaign.campaign;
