package dev.smspipeline.dispatch.consent;

import java.util.List;

/**
 * Published (as a Spring application event) when this instance learns of cancellations,
 * whichever instance consumed them: the dispatcher drops the texts they cover from its
 * queues at once instead of when each reaches the head of its number's queue.
 *
 * @param cancellations what was cancelled
 */
public record CancellationsRecorded(List<Cancellation> cancellations) {

}
