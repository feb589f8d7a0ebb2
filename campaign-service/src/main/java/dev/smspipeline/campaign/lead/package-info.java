/**
 * Deleted leads: {@code DELETE /api/v1/leads/{e164}} (every campaign of the account) and
 * {@code DELETE /api/v1/campaigns/{id}/recipients/{phone}} (one campaign) take the lead
 * out of audiences not yet processed, end its held texts CANCELED with
 * {@code LEAD_DELETED}, and tell dispatch ({@code RECIPIENT_DELETED}) to drop what it
 * holds for the lead.
 */
package dev.smspipeline.campaign.lead;
