/**
 * Incoming messages: Twilio's incoming-message webhook, posted on request.
 */
package dev.smspipeline.simulator.inbound;
