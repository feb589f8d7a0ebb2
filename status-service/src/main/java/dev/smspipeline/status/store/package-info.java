/**
 * The status store: {@code sms.delivery-status} projected into {@code message_status}
 * (the current state of every text), {@code message_status_history} (every status event
 * once), {@code campaign_counters} (texts per bucket per campaign) and
 * {@code recipient_summary} (latest text and failure count per recipient), all in one
 * transaction per batch; and {@code sms.campaign-events} projected into the campaigns'
 * release totals and completion. A status never moves backwards, a repeated event changes
 * nothing, and the tables can be rebuilt by replaying the topics into empty tables (the
 * {@code campaign_completion} ledger is kept across a rebuild).
 */
package dev.smspipeline.status.store;
