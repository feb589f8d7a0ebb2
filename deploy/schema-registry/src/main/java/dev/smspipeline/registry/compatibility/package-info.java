/**
 * Whether a schema may follow the versions of a subject, by the subject's compatibility
 * level: Confluent's rules on Apache Avro's own reader/writer check.
 */
package dev.smspipeline.registry.compatibility;
