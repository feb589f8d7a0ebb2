/**
 * Closes what the carrier leaves open: a scheduled job turns texts with no final status
 * within the delivery window into DELIVERY_UNKNOWN, another publishes each campaign's
 * completion once all its released texts are final or the window has passed. Both are
 * safe to run on several instances at once ({@code FOR UPDATE SKIP LOCKED} claims).
 */
package dev.smspipeline.status.lifecycle;
