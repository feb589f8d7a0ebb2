/**
 * The Confluent Schema Registry REST API, the subset the project and Confluent-compatible
 * clients use, on the JDK's HTTP server.
 */
package dev.smspipeline.registry.http;
