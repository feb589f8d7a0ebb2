/**
 * The create-message call: decisions, idempotency, and the log of received requests.
 */
package dev.smspipeline.simulator.messages;
