/**
 * The durable backlog: a number's texts beyond what is kept in memory wait in the
 * {@code parked_message} table, in request order (their source offsets), and are fed back
 * as the number's queue drains. One writer thread does every parking operation in order.
 */
package dev.smspipeline.dispatch.backlog;
