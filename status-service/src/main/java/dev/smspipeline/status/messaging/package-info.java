/**
 * The topics status-service writes or consumes, each declared with the dead-letter topic
 * of the consumer that reads it here.
 */
package dev.smspipeline.status.messaging;
