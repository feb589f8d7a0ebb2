/**
 * The status store: {@code sms.delivery-status} projected into {@code message_status}
 * (the current state of every text) and {@code message_status_history} (every status
 * event once). A status never moves backwards, a repeated event changes nothing, and the
 * tables can be rebuilt by replaying the topic into empty tables.
 */
package dev.smspipeline.status.store;
