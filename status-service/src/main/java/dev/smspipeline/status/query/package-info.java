/**
 * The read API on the status store, scoped to the caller's account: {@code GET
 * /api/v1/messages/{id}} answers a text's current status and its full history. Another
 * account's text answers 404, as if it did not exist.
 */
package dev.smspipeline.status.query;
