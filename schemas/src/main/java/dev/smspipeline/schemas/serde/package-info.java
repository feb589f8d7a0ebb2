/**
 * Kafka serializer and deserializer of Avro records in the Confluent Schema Registry wire
 * format: magic byte 0, the schema's 4-byte big-endian registry id, then Avro binary.
 * Subjects follow the topic-name strategy ({@code <topic>-value}, {@code <topic>-key}).
 */
package dev.smspipeline.schemas.serde;
