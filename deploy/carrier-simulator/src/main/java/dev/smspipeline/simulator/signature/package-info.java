/**
 * Twilio's {@code X-Twilio-Signature} request signing.
 */
package dev.smspipeline.simulator.signature;
