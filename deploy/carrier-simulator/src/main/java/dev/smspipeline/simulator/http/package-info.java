/**
 * HTTP plumbing on the JDK's server: routing, forms, JSON, Twilio-shaped errors.
 */
package dev.smspipeline.simulator.http;
