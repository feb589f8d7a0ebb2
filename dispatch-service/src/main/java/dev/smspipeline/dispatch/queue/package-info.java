/**
 * The heart of dispatch, split as Parallel Consumer splits its core: the
 * {@link dev.smspipeline.dispatch.queue.Dispatcher} is the intake's door; one in-memory
 * queue per recipient number (a {@link dev.smspipeline.dispatch.queue.Lane}) held with
 * the memory bounds by {@link dev.smspipeline.dispatch.queue.Lanes}; the durable backlog
 * for numbers whose queue is full fed back by the
 * {@link dev.smspipeline.dispatch.queue.BacklogFeed}; the due queue
 * ({@link dev.smspipeline.dispatch.queue.DueLanes}) and the scheduler thread that starts
 * each number's head when the pacer allows
 * ({@link dev.smspipeline.dispatch.queue.DueScheduler}, started by Spring); a bounded
 * pool of workers for the carrier calls
 * ({@link dev.smspipeline.dispatch.queue.AttemptRunner}); the hand-over of finished
 * records to the offset tracker and of failed ones to the dead-letter topic
 * ({@link dev.smspipeline.dispatch.queue.Settlement}); and their meters
 * ({@link dev.smspipeline.dispatch.queue.DispatchMetrics}). One
 * {@link dev.smspipeline.dispatch.queue.DispatchLock} guards their state.
 */
package dev.smspipeline.dispatch.queue;
