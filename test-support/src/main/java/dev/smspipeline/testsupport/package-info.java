/**
 * What every integration test needs: a real Kafka broker in KRaft mode, the schema
 * registry on it, a real PostgreSQL, and the fixtures the services share. One of each per
 * test JVM, started on first use and shared by all test classes.
 */
package dev.smspipeline.testsupport;
