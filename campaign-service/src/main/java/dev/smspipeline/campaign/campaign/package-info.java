/**
 * Campaigns and their lifecycle: the {@code /api/v1/campaigns} API, drafts and their
 * edits, activation and cancellation, and the one place a campaign's status changes
 * ({@link dev.smspipeline.campaign.campaign.Lifecycle}), which publishes every transition
 * on {@code sms.campaign-events} through the outbox.
 */
package dev.smspipeline.campaign.campaign;
