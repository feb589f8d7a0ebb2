/**
 * The topics status-service writes or consumes, declared with the dead-letter topic of
 * the one it consumes.
 */
package dev.smspipeline.status.messaging;
