/**
 * Durable state of the registry: the compacted {@code _schemas} topic, in Confluent's
 * record layout, and the state rebuilt from it in memory.
 */
package dev.smspipeline.registry.store;
