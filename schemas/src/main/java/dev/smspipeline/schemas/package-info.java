/**
 * The contracts every service shares: topic names
 * ({@link dev.smspipeline.schemas.Topics}), the opt-out key
 * ({@link dev.smspipeline.schemas.OptOutKey}), deterministic event ids
 * ({@link dev.smspipeline.schemas.EventIds}), dead-letter headers
 * ({@link dev.smspipeline.schemas.DeadLetterHeaders}), the Avro value schemas (generated
 * into {@code dev.smspipeline.events}), their published history, and the Confluent
 * wire-format serde.
 */
package dev.smspipeline.schemas;
