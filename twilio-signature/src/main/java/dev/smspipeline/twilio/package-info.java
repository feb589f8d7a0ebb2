/**
 * Twilio's webhook signature, in one place for the side that signs (the carrier
 * simulator) and the side that verifies (status-service).
 */
package dev.smspipeline.twilio;
