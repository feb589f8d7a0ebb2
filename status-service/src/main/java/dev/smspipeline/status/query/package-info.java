/**
 * The read API on the status store, scoped to the caller's account (another account's ids
 * answer 404, as if they did not exist): a text with its history, a campaign's stats from
 * its maintained counters, a recipient's texts, and the searches users run (recipients
 * whose latest text failed, recipients with N failures, failed texts in a time range).
 * Every list is {@code {"items": [...], "next": "<cursor or null>"}}, keyset-paginated
 * newest first, each along an index; a bad parameter answers 400 problem+json naming it.
 */
package dev.smspipeline.status.query;
