/**
 * Who a campaign texts: inline recipients and CSV uploads, streamed row by row into
 * {@code audience_member} in batches, numbers normalised to E.164, time zones resolved,
 * duplicates collapsed on the number. Broken CSV rows are reported by line and reason;
 * the good rows are kept.
 */
package dev.smspipeline.campaign.audience;
