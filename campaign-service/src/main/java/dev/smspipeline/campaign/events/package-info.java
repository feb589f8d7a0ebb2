/**
 * Campaign events in: {@code COMPLETED} from status-service moves a SENT campaign to
 * DONE. Campaign events out are written by
 * {@link dev.smspipeline.campaign.campaign.Lifecycle} through the outbox.
 */
package dev.smspipeline.campaign.events;
