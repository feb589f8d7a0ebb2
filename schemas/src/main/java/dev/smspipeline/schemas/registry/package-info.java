/**
 * A client of the Confluent Schema Registry REST API, on the JDK's HTTP client: register,
 * look up and fetch Avro schemas, with both directions cached.
 */
package dev.smspipeline.schemas.registry;
