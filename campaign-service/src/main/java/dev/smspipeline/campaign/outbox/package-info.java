/**
 * The transactional outbox: every record this service publishes because its database
 * changed is written to the {@code outbox} table in the same transaction as the change
 * ({@link dev.smspipeline.campaign.outbox.Outbox}), and one relay publishes the table to
 * Kafka, each record exactly once for {@code read_committed} consumers, in the order it
 * was written per key ({@link dev.smspipeline.campaign.outbox.OutboxRelay}).
 */
package dev.smspipeline.campaign.outbox;
