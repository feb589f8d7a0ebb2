/**
 * How every service declares the topics it writes: same partition count, the broker's
 * replication default, and a dead-letter topic beside each topic that is consumed.
 */
package dev.smspipeline.platform.kafka;
