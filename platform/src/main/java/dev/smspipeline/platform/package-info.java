/**
 * Plumbing every service shares and none owns: who is calling ({@code account}), how
 * errors are answered ({@code problem}), Kafka topics, telemetry, dead letters and
 * retries ({@code kafka}, {@code kafka.deadletter}), logs ({@code logging}) and traces
 * ({@code observability}). Auto-configured; a service opts in by depending on the jar.
 */
package dev.smspipeline.platform;
