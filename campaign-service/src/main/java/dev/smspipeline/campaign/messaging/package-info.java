/**
 * The topics campaign-service uses, declared with their dead-letter topics. Dead letters
 * and retries are the platform's ({@code dev.smspipeline.platform.kafka.deadletter}).
 */
package dev.smspipeline.campaign.messaging;
