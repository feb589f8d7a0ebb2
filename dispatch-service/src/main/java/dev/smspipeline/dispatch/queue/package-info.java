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
 *
 * <p>
 * <strong>Traffic classes.</strong> A text is TRANSACTIONAL (workflow) or BULK (campaign)
 * by its request's {@code priority}. Every due transactional text starts before any due
 * bulk text ({@code DueLanes}); bulk texts leave
 * {@code sms.dispatch.priority.reserved-in-flight} carrier calls free
 * ({@code AttemptRunner}) and are parked beyond
 * {@code sms.dispatch.priority.max-buffered-bulk} texts in memory ({@code Lanes}), so the
 * consumer keeps taking transactional texts. In one number's lane, transactional texts go
 * first, accounts take turns within a class, and each account's texts of a class keep
 * their order ({@code Lane}); the number's pacing does not change.
 */
package dev.smspipeline.dispatch.queue;
