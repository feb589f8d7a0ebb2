/**
 * The real broker, registry and database, embedded by default or on Testcontainers where
 * a Docker engine is present. Test code is the same either way.
 */
package dev.smspipeline.testsupport.infrastructure;
