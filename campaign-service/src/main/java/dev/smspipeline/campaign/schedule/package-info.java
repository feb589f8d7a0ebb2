/**
 * When each text goes out: {@code sendAt} or {@code sendAtLocalTime} in each recipient's
 * zone, pushed out of quiet hours in all of the recipient's zones, or EXPIRED when its
 * validity would pass first ({@link dev.smspipeline.campaign.schedule.SendTimes}); and
 * the processing that turns an activated campaign's audience into held texts
 * ({@link dev.smspipeline.campaign.schedule.CampaignProcessor}).
 */
package dev.smspipeline.campaign.schedule;
