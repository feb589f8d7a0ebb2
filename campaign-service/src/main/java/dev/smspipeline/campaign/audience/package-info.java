/**
 * Who a campaign texts: inline recipients and CSV uploads. An upload's body is spooled to
 * a file first ({@link dev.smspipeline.campaign.audience.UploadSpool}; 413 over the size
 * limit), each account having at most a few in progress
 * ({@link dev.smspipeline.campaign.audience.UploadSlots}; 429 beyond), so a slow client
 * holds no database connection and no lock; the file is then read row by row and staged
 * in batches, and one transaction holding the campaign's lock moves the rows into
 * {@code audience_member}. Numbers are normalised to E.164, time zones resolved,
 * duplicates collapsed on the number. Broken CSV rows are reported by line and reason;
 * the good rows are kept.
 */
package dev.smspipeline.campaign.audience;
