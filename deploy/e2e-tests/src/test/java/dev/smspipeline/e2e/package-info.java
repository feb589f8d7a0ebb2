/**
 * The pipeline whole: campaign, dispatch and status services as child processes on one
 * real broker, registry and database, texting the carrier simulator.
 */
package dev.smspipeline.e2e;
