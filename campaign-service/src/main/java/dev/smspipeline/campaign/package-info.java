/**
 * campaign-service: campaigns, audiences, schedules and one-off requests. Packages by
 * capability: {@code campaign} (API, lifecycle), {@code audience} (inline and CSV,
 * de-duplication), {@code admission} (what becomes of a text: send, hold, reject, expire,
 * skip), {@code schedule} (send times, quiet hours), {@code processing} (an audience into
 * texts), {@code release} (due texts, pacing, the cancel sweep, SENT), {@code outbox}
 * (exactly-once publishing), {@code lead} (deleted leads), {@code events} (campaign
 * events in), {@code message} (one-off texts and how every text is built),
 * {@code idempotency} (idempotency keys), {@code dedupe} (duplicate triggers),
 * {@code intake} (the {@code crm.sms-requests} entry point), {@code consent} (opt-outs),
 * {@code content} (content rules), {@code recipient} (phone numbers, time zones),
 * {@code messaging} (topics it uses and their dead-letter topics).
 */
package dev.smspipeline.campaign;
