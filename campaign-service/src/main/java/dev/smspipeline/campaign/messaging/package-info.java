/**
 * The topics campaign-service writes, declared with their dead-letter topics.
 */
package dev.smspipeline.campaign.messaging;
