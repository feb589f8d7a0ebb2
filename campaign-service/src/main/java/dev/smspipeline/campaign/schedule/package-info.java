/**
 * When each text may go out, as pure functions: {@code sendAt} or {@code sendAtLocalTime}
 * in each recipient's zone, pushed out of quiet hours in all of the recipient's zones, or
 * EXPIRED when its validity would pass first
 * ({@link dev.smspipeline.campaign.schedule.SendTimes},
 * {@link dev.smspipeline.campaign.schedule.QuietHours}). Depends on no other package of
 * the service.
 */
package dev.smspipeline.campaign.schedule;
