/**
 * The status-service benchmark: a program run by hand (see BENCHMARKS.md), not a test.
 */
package dev.smspipeline.status.bench;
