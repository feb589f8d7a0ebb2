/**
 * Observability as tests see it: a scrape of {@code /actuator/prometheus}, and W3C trace
 * context on records and requests.
 */
package dev.smspipeline.testsupport.observability;
