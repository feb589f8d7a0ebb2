/**
 * Idempotency keys of one-off requests (the {@code Idempotency-Key} header, a CRM
 * record's {@code eventId}): a unique key per account, inserted first, so concurrent
 * repeats from any number of threads or instances yield one text and one answer.
 */
package dev.smspipeline.campaign.idempotency;
