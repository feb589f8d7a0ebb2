/**
 * Switchable carrier faults ({@code /sim/faults}): every create answered HTTP 500, or
 * held past the client's timeout, for a while.
 */
package dev.smspipeline.simulator.fault;
