/**
 * One requested text's way to its outcome, one attempt at a time: skip what was decided
 * before, cancel, expire or reject what must not go, otherwise call the carrier once and
 * say whether to retry and what the carrier holds; record every outcome in the
 * {@code submission} table and publish every status change to {@code sms.delivery-status}
 * with a deterministic event id.
 */
package dev.smspipeline.dispatch.submission;
