package dev.smspipeline.dispatch.queue;

import dev.smspipeline.events.TrafficClass;

/**
 * Texts queued in the lanes (in flight included) per traffic class, counted by each
 * {@link Lane} as its queues change, for the bulk bound and the queue-depth gauges.
 *
 * <p>
 * Not thread-safe: guarded by the {@link DispatchLock}.
 */
final class QueuedByClass {

	private final int[] counts = new int[TrafficClass.values().length];

	void add(TrafficClass trafficClass, int delta) {
		this.counts[trafficClass.ordinal()] += delta;
	}

	int get(TrafficClass trafficClass) {
		return this.counts[trafficClass.ordinal()];
	}

}
