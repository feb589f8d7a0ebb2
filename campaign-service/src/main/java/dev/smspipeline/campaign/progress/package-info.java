/**
 * What dispatch did with released campaign texts: their SUBMITTED (or the status they
 * ended in) read back from {@code sms.delivery-status}, so a campaign is SENDING until
 * every text reached the carrier or ended, and the release window knows dispatch's pace.
 */
package dev.smspipeline.campaign.progress;
