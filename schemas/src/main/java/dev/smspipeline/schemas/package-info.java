/**
 * The contracts every service shares: topic names, the Avro value schemas (generated into
 * {@code dev.smspipeline.events}), their published history, and the Confluent wire-format
 * serde.
 */
package dev.smspipeline.schemas;
