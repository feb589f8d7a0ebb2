/**
 * Signed status callbacks, planned per scenario and posted asynchronously.
 */
package dev.smspipeline.simulator.callback;
