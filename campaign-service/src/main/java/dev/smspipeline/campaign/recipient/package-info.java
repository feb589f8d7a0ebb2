/**
 * Recipients' phone numbers: parsed and normalised to E.164 with libphonenumber, checked
 * against the countries the account may text.
 */
package dev.smspipeline.campaign.recipient;
