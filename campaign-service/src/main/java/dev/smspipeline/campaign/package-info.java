/**
 * campaign-service: campaigns, audiences, schedules and one-off requests. Packages by
 * capability: {@code message} (one-off texts), {@code recipient} (phone numbers),
 * {@code messaging} (topics it writes).
 */
package dev.smspipeline.campaign;
