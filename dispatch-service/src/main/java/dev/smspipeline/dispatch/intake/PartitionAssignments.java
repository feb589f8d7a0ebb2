package dev.smspipeline.dispatch.intake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

import dev.smspipeline.dispatch.backlog.ParkedMessages;
import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.dispatch.queue.BufferSettings;
import dev.smspipeline.dispatch.queue.Dispatcher;
import dev.smspipeline.schemas.Topics;

/**
 * The partitions of {@code sms.message-requested} this instance holds, each as a
 * {@link PartitionProgress} (one per assignment: an epoch), and what happens when they
 * come and go. Called on the consumer thread.
 *
 * <p>
 * Not a {@code ConsumerAwareRebalanceListener} bean itself: Boot would give such a bean
 * to its default container factory, whose containers ({@code sms.campaign-events},
 * {@code sms.opt-outs}) have partitions of the same numbers. Only the
 * {@code sms.message-requested} container gets {@link #rebalanceListener()}, and it
 * ignores any other topic all the same.
 *
 * <ul>
 * <li><strong>Assigned:</strong> a new epoch starting at the consumer's position (the
 * committed offset), stamped with the assignment's instant (the pacer assumes a text to
 * every number first seen in it at that instant); the numbers with parked texts in the
 * partition are handed to the dispatcher, which feeds them back in order.</li>
 * <li><strong>Revoked:</strong> the dispatcher drops the partition's queued texts, waits
 * up to {@code sms.dispatch.revoke-grace} for those in flight, and fences the epoch; then
 * the container commits what is finished (the acknowledgments made so far).</li>
 * <li><strong>Lost:</strong> dropped and fenced at once, nothing committed.</li>
 * </ul>
 */
@Component
class PartitionAssignments {

	private static final Logger log = LoggerFactory.getLogger(PartitionAssignments.class);

	private final Map<TopicPartition, PartitionProgress> held = new ConcurrentHashMap<>();

	private final Dispatcher dispatcher;

	private final ParkedMessages parked;

	private final BufferSettings buffers;

	private final Clock clock = Clock.systemUTC();

	PartitionAssignments(Dispatcher dispatcher, ParkedMessages parked, BufferSettings buffers) {
		this.dispatcher = dispatcher;
		this.parked = parked;
		this.buffers = buffers;
	}

	/**
	 * The epoch of a partition this instance holds.
	 * @param partition the partition
	 * @return its progress, or {@code null} when not held
	 */
	PartitionProgress progress(TopicPartition partition) {
		return this.held.get(partition);
	}

	/**
	 * The rebalance listener of the {@code sms.message-requested} container.
	 * @return the listener
	 */
	ConsumerAwareRebalanceListener rebalanceListener() {
		return new ConsumerAwareRebalanceListener() {

			@Override
			public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				assigned(consumer, ours(partitions));
			}

			@Override
			public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer,
					Collection<TopicPartition> partitions) {
				revoked(ours(partitions));
			}

			@Override
			public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				lost(ours(partitions));
			}

		};
	}

	private static List<TopicPartition> ours(Collection<TopicPartition> partitions) {
		return partitions.stream().filter((partition) -> Topics.MESSAGE_REQUESTED.equals(partition.topic())).toList();
	}

	private void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitions) {
			PartitionProgress progress = new PartitionProgress(partition, consumer.position(partition),
					this.clock.instant());
			PartitionProgress earlier = this.held.put(partition, progress);
			if (earlier != null) {
				earlier.revoke();
			}
			this.dispatcher.assigned(progress, this.parked.backlogs(partition.partition()));
		}
		if (!partitions.isEmpty()) {
			log.info("Assigned {}", partitions);
		}
	}

	private void revoked(Collection<TopicPartition> partitions) {
		this.dispatcher.revoked(remove(partitions), this.buffers.revokeGrace());
	}

	private void lost(Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty()) {
			log.warn("Lost {}", partitions);
		}
		this.dispatcher.lost(remove(partitions));
	}

	private List<PartitionProgress> remove(Collection<TopicPartition> partitions) {
		List<PartitionProgress> removed = new ArrayList<>();
		for (TopicPartition partition : partitions) {
			PartitionProgress progress = this.held.remove(partition);
			if (progress != null) {
				removed.add(progress);
			}
		}
		return removed;
	}

}
