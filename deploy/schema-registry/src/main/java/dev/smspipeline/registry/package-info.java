/**
 * A Confluent-compatible schema registry, small enough to embed: the REST subset the
 * project's serde and Confluent's clients use, its state in a compacted {@code _schemas}
 * topic. {@link dev.smspipeline.registry.EmbeddedSchemaRegistry} starts one in-process;
 * {@link dev.smspipeline.registry.SchemaRegistryApplication} runs one on its own.
 */
package dev.smspipeline.registry;
