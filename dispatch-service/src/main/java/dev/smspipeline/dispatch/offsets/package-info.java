/**
 * Which offsets of a partition are finished, and the highest offset that may be
 * committed: one below the first record that is not. Modelled on Confluent Parallel
 * Consumer's per-partition set of incomplete offsets, without its offset-map metadata
 * encoding.
 */
package dev.smspipeline.dispatch.offsets;
