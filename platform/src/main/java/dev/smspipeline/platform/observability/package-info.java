/**
 * Observability every service shares: the defaults (common meter tags, sampling, Kafka
 * observations, structured-log masking) at the lowest precedence, W3C trace context
 * across the hops no observation covers, and the MDC of web requests.
 */
package dev.smspipeline.platform.observability;
