/**
 * Observability as tests see it: a scrape of {@code /actuator/prometheus} on the
 * management port, what every service serves on which port
 * ({@link dev.smspipeline.testsupport.observability.ManagementPortContract}), and W3C
 * trace context on records and requests.
 */
package dev.smspipeline.testsupport.observability;
