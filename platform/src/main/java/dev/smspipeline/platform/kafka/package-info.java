/**
 * Kafka plumbing every service shares: how it declares the topics it writes (same
 * partition count, the broker's replication default, and a dead-letter topic beside each
 * topic that is consumed), the telemetry of every client, the counting of dead letters
 * ({@code sms_dead_letter_records_total}), and the {@code RecordSerializer} of producers
 * that write records of several kinds. Dead letters and retries themselves are in
 * {@code deadletter}.
 */
package dev.smspipeline.platform.kafka;
