/**
 * End-to-end benchmark of the running local stack: {@link PipelineBenchmark} drives the
 * public entry points, times every text on the status stream and at the carrier, audits
 * the carrier's log for pacing, measures the Kafka and carrier ceilings, and prints one
 * machine-readable {@code RESULT} line.
 */
package dev.smspipeline.bench;
