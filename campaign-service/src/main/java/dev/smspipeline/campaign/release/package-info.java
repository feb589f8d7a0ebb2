/**
 * Releasing held texts when they fall due, paced and batched, safe with several instances
 * ({@code FOR UPDATE SKIP LOCKED}); sweeping the held texts of canceled campaigns; and
 * announcing SENT (with {@code counts.total}) when a campaign has nothing left to
 * release.
 */
package dev.smspipeline.campaign.release;
