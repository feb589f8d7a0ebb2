/**
 * One-off texts fired by CRM workflow triggers: {@code POST /api/v1/messages} (and the
 * {@code crm.sms-requests} intake) check the request, its idempotency key, duplicate
 * triggers, consent and content, and record the text with its records for dispatch in the
 * outbox, in one transaction ({@link dev.smspipeline.campaign.message.OneOffMessages}). A
 * text whose {@code sendAt} or recipient's quiet hours lie ahead is held here
 * ({@code held_one_off}) and released when due
 * ({@link dev.smspipeline.campaign.message.OneOffRelease}), so dispatch only ever holds
 * texts that are due.
 */
package dev.smspipeline.campaign.message;
