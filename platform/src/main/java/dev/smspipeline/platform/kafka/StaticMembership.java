package dev.smspipeline.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Kafka static membership ({@code group.instance.id}, KIP-345) for the consumers of the
 * listener containers it is {@link #apply applied} to, when the service's group instance
 * id setting names this instance (dispatch-service: {@code sms.intake.group-instance-id},
 * status-service: {@code sms.store.group-instance-id}); dynamic membership otherwise.
 *
 * <p>
 * <strong>Why.</strong> A dynamic member killed with {@code kill -9} stays in its group
 * until its session times out ({@code session.timeout.ms}, 45 s): a restarted instance
 * joins as a new member, and the group's rebalance waits for the dead one. So nothing is
 * sent (dispatch) or stored (status) for about 45 s whatever the restart time. A static
 * member that comes back with the same id replaces its dead self at once and gets its
 * partitions back without waiting.
 *
 * <p>
 * <strong>Ids.</strong> Each listener container gets {@code <id>-<listener id>}, e.g.
 * {@code dispatch-7f9c-message-requested},
 * {@code dispatch-7f9c-dispatch-service-campaigns}; Spring Kafka appends {@code -<n>} for
 * each of a container's consumers ({@code ConcurrentMessageListenerContainer} gives its
 * n-th child the client id suffix {@code -n}, and {@code KafkaMessageListenerContainer}
 * appends that suffix to a configured {@code group.instance.id}). So every consumer of
 * the instance has an id of its own, in every group. Apply it to every container of the
 * service: one left dynamic still waits out its dead member after a restart (in dispatch,
 * sends would then resume before cancellations and opt-outs do).
 *
 * <p>
 * <strong>Graceful stop.</strong> A static member does not leave its group when its
 * consumer closes, so an instance that stops for good (a scale-down, a rolling update
 * whose new pods have new names) would leave its partitions waiting for its session to
 * time out. After the listener containers have stopped (this lifecycle's phase is just
 * below theirs), the instance therefore removes its own static members from their groups
 * (the admin API's {@code removeMembersFromConsumerGroup}), and the others take the
 * partitions at once, as with dynamic membership. A {@code kill -9} skips that, and the
 * instance's restart takes the partitions back.
 *
 * <p>
 * <strong>Costs.</strong> While a killed instance is not restarted, its partitions wait
 * until {@code session.timeout.ms} (as with dynamic membership). Two live processes with
 * the same id fence each other (the older one's containers stop with
 * {@code FencedInstanceIdException}): the id must be unique per instance (the pod name in
 * Kubernetes, the service name in Compose, a fixed value in the local stack).
 */
public final class StaticMembership implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(StaticMembership.class);

	private static final Duration REMOVAL_TIMEOUT = Duration.ofSeconds(5);

	private final String instanceId;

	private final KafkaAdmin admin;

	private final List<ConcurrentMessageListenerContainer<?, ?>> containers = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	/**
	 * Static membership under {@code instanceId}, or none.
	 * @param instanceId the instance's id, or {@code null} / blank for dynamic membership
	 * @param admin where the admin client's configuration comes from
	 */
	public StaticMembership(String instanceId, KafkaAdmin admin) {
		this.instanceId = (instanceId != null && !instanceId.isBlank()) ? instanceId.strip() : null;
		this.admin = admin;
	}

	public boolean enabled() {
		return this.instanceId != null;
	}

	/**
	 * Gives a listener container's consumers their static ids, when enabled. Called by
	 * the container factories as each container is created.
	 * @param container the container
	 */
	public void apply(ConcurrentMessageListenerContainer<?, ?> container) {
		if (!enabled()) {
			return;
		}
		Properties overrides = new Properties();
		Properties current = container.getContainerProperties().getKafkaConsumerProperties();
		current.stringPropertyNames().forEach((name) -> overrides.setProperty(name, current.getProperty(name)));
		overrides.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId(container));
		container.getContainerProperties().setKafkaConsumerProperties(overrides);
		this.containers.add(container);
		log.info("Static membership: the consumers of {} join group {} as {}-<n>", container.getListenerId(),
				container.getGroupId(), groupInstanceId(container));
	}

	/**
	 * The {@code group.instance.id} of a container's consumers, before Spring Kafka
	 * appends {@code -<n>} to it for each consumer.
	 * @param container the container
	 * @return the id
	 */
	public String groupInstanceId(ConcurrentMessageListenerContainer<?, ?> container) {
		return this.instanceId + "-" + container.getListenerId();
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Removes this instance's static members from their groups, once the containers have
	 * stopped. A failure is logged: the members then leave when their sessions time out.
	 */
	@Override
	public void stop() {
		this.running = false;
		if (this.containers.isEmpty()) {
			return;
		}
		Map<String, Object> config = new HashMap<>(this.admin.getConfigurationProperties());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REMOVAL_TIMEOUT.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REMOVAL_TIMEOUT.toMillis());
		try (Admin client = Admin.create(config)) {
			for (ConcurrentMessageListenerContainer<?, ?> container : this.containers) {
				remove(client, container);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not leave the consumer groups; they rebalance when the sessions time out: {}",
					ex.toString());
		}
	}

	private void remove(Admin client, ConcurrentMessageListenerContainer<?, ?> container) {
		String group = container.getGroupId();
		List<MemberToRemove> members = new ArrayList<>();
		for (int n = 0; n < container.getConcurrency(); n++) {
			members.add(new MemberToRemove(groupInstanceId(container) + "-" + n));
		}
		RemoveMembersFromConsumerGroupOptions options = new RemoveMembersFromConsumerGroupOptions(members);
		options.reason("instance " + this.instanceId + " stopped");
		RemoveMembersFromConsumerGroupResult result = client.removeMembersFromConsumerGroup(group, options);
		for (MemberToRemove member : members) {
			try {
				result.memberResult(member).get(REMOVAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				log.info("Left group {} as {}", group, member.groupInstanceId());
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UnknownMemberIdException) {
					log.debug("{} was no member of group {} any more", member.groupInstanceId(), group);
				}
				else {
					log.warn("Could not leave group {} as {}; it rebalances when the session times out: {}", group,
							member.groupInstanceId(), ex.getCause().toString());
				}
			}
			catch (TimeoutException ex) {
				log.warn("Could not leave group {} as {} within {}; it rebalances when the session times out", group,
						member.groupInstanceId(), REMOVAL_TIMEOUT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Just below the listener containers': stops after them, once the consumers closed.
	 */
	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
	}

}
