/**
 * The Kafka entry point for CRM producers: {@code crm.sms-requests} records become
 * one-off texts with the same checks and de-duplication as the API; records that cannot
 * become a text go to {@code crm.sms-requests.DLT} with their reason.
 */
package dev.smspipeline.campaign.intake;
