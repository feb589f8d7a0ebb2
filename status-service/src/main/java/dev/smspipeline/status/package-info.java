/**
 * status-service: takes the carrier's signed status callbacks, publishes every status
 * change to {@code sms.delivery-status}, materialises that stream into its own PostgreSQL
 * store and answers queries on it, ages silent texts into DELIVERY_UNKNOWN and completes
 * campaigns. Packages by capability: {@code callback} (signed carrier webhooks in, status
 * events out), {@code store} (the projection of {@code sms.delivery-status} and
 * {@code sms.campaign-events} into tables, counters and summaries included),
 * {@code query} (the HTTP read API), {@code lifecycle} (the ageing and completion jobs),
 * {@code messaging} (the topics it declares). The dashboard at {@code /} is static HTML
 * and JavaScript in {@code resources/static} that calls the query API.
 */
package dev.smspipeline.status;
