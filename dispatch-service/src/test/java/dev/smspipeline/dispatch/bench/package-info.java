/**
 * The dispatch benchmark: a program, not a test (see {@code DispatchBenchmark}).
 */
package dev.smspipeline.dispatch.bench;
