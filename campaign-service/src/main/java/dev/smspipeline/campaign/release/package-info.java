/**
 * What happens to held campaign texts, one scheduled job each: releasing them when they
 * fall due, paced and batched, safe with several instances
 * ({@code FOR UPDATE SKIP LOCKED})
 * ({@link dev.smspipeline.campaign.release.ReleasePoller}); sweeping the held texts of
 * canceled campaigns ({@code CanceledTextSweep}); and announcing SENT (with
 * {@code counts.total}) when a campaign has nothing left to release
 * ({@code SentAnnouncement}).
 */
package dev.smspipeline.campaign.release;
