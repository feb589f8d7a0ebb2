/**
 * dispatch-service: takes requested texts off {@code sms.message-requested}, hands them
 * to the carrier and publishes what happened to {@code sms.delivery-status}. Packages by
 * capability: {@code intake} (the listener, its transaction and dead-letter topic),
 * {@code submission} (the outcome of one text: expiry, retries, idempotency) and
 * {@code carrier} (the Twilio-compatible adapter).
 */
package dev.smspipeline.dispatch;
