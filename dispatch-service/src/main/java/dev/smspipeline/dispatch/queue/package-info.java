/**
 * The heart of dispatch: one in-memory queue per recipient number (a <em>lane</em>), a
 * scheduler thread that starts each number's head when the pacer allows, a bounded pool
 * of workers for the carrier calls, the durable backlog for numbers whose queue is full,
 * and the hand-over of finished records to the offset tracker.
 */
package dev.smspipeline.dispatch.queue;
