/**
 * status-service: takes the carrier's signed status callbacks, publishes every status
 * change to {@code sms.delivery-status}, materialises that stream into its own PostgreSQL
 * store and answers queries on it. Packages by capability: {@code callback} (signed
 * carrier webhooks in, status events out), {@code store} (the projection of the stream
 * into tables), {@code query} (the HTTP read API), {@code messaging} (the topics it
 * declares).
 */
package dev.smspipeline.status;
