/**
 * The carrier adapter: Twilio's create-message call over one shared HTTP client, and the
 * classification of every answer into a
 * {@link dev.smspipeline.dispatch.carrier.CarrierAnswer} that the submission flow can act
 * on without knowing HTTP.
 */
package dev.smspipeline.dispatch.carrier;
