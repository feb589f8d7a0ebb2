/**
 * The status-service benchmark: a program run by hand (see docs/benchmarks.md), not a
 * test.
 */
package dev.smspipeline.status.bench;
