/**
 * The scenario table: what the carrier does with each recipient number.
 */
package dev.smspipeline.simulator.scenario;
