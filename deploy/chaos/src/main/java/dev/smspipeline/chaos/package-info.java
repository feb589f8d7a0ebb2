/**
 * Fault injection suite for the running local stack: {@link ChaosSuite} runs each
 * {@link Scenario} (a kill, a restart, an outage, a carrier fault) during a campaign of
 * thousands of texts, then audits every text ({@link Audit}): a final status, at most one
 * accepted submission at the carrier, nothing left unprocessed outside a DLT, and how
 * long the pipeline took to recover.
 */
package dev.smspipeline.chaos;
