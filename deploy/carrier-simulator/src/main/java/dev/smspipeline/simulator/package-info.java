/**
 * A standalone carrier simulator that speaks the Twilio Programmable Messaging API subset
 * the pipeline uses, with a deterministic scenario table. {@link CarrierSimulator} is the
 * programmatic entry point, {@link CarrierSimulatorApplication} the process one; the
 * sub-packages hold the parts and are not meant for use outside this module.
 */
package dev.smspipeline.simulator;
