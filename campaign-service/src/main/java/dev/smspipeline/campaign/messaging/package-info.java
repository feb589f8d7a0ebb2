/**
 * The topics campaign-service uses, declared with their dead-letter topics, and the
 * dead-letter producer its listeners share.
 */
package dev.smspipeline.campaign.messaging;
