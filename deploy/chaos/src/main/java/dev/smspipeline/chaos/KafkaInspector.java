package dev.smspipeline.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the broker for the audit: how many records the dead-letter topics gained
 * ({@code *.DLT}), and how many records the services' consumer groups have not processed
 * (records readable at read_committed between a group's committed offset and the end of
 * the partition; transaction markers do not count).
 */
final class KafkaInspector implements AutoCloseable {

	/** Consumer groups of the pipeline's services start with one of these. */
	static final List<String> SERVICE_GROUP_PREFIXES = List.of("campaign-service", "dispatch-service",
			"status-service");

	private static final long TIMEOUT_SECONDS = 30;

	private final String bootstrap;

	private final Admin admin;

	KafkaInspector(String bootstrap) {
		this.bootstrap = bootstrap;
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
		properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
		this.admin = Admin.create(properties);
	}

	/**
	 * The end offsets of every partition of every {@code *.DLT} topic.
	 * @return offsets by partition
	 */
	Map<TopicPartition, Long> dltEndOffsets() {
		Set<String> topics = get(this.admin.listTopics().names()).stream()
			.filter((name) -> name.endsWith(".DLT"))
			.collect(Collectors.toSet());
		return endOffsets(partitions(topics), IsolationLevel.READ_UNCOMMITTED);
	}

	/**
	 * Records each DLT topic gained since {@code before}.
	 * @param before end offsets taken earlier ({@link #dltEndOffsets()})
	 * @return new records by topic, only topics that gained some
	 */
	Map<String, Long> dltGrowth(Map<TopicPartition, Long> before) {
		Map<String, Long> growth = new TreeMap<>();
		dltEndOffsets().forEach((partition, end) -> {
			long added = end - before.getOrDefault(partition, 0L);
			if (added > 0) {
				growth.merge(partition.topic(), added, Long::sum);
			}
		});
		return growth;
	}

	/**
	 * The {@code x-reason} header (or the exception message header) of up to
	 * {@code limit} of the records the DLT topics gained since {@code before}.
	 * @param before end offsets taken earlier
	 * @param limit most reasons
	 * @return {@code topic: reason} lines
	 */
	List<String> dltReasons(Map<TopicPartition, Long> before, int limit) {
		Map<TopicPartition, Long> now = dltEndOffsets();
		List<String> reasons = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(IsolationLevel.READ_UNCOMMITTED)) {
			for (Map.Entry<TopicPartition, Long> entry : now.entrySet()) {
				long from = before.getOrDefault(entry.getKey(), 0L);
				if (entry.getValue() <= from || reasons.size() >= limit) {
					continue;
				}
				for (ConsumerRecord<byte[], byte[]> record : read(consumer, entry.getKey(), from, entry.getValue())) {
					if (reasons.size() >= limit) {
						break;
					}
					reasons.add(entry.getKey().topic() + ": " + reason(record));
				}
			}
		}
		return reasons;
	}

	/**
	 * Records that the services' consumer groups have not processed yet.
	 * @return by {@code group topic}, only those with unprocessed records
	 */
	Map<String, Long> unprocessed() {
		Map<String, Long> unprocessed = new TreeMap<>();
		List<String> groups = get(this.admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()).stream()
			.map(GroupListing::groupId)
			.filter((group) -> SERVICE_GROUP_PREFIXES.stream().anyMatch(group::startsWith))
			.sorted()
			.toList();
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(IsolationLevel.READ_COMMITTED)) {
			for (String group : groups) {
				Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(
						get(this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()));
				committed.values().removeIf(java.util.Objects::isNull);
				committed.keySet().removeIf((partition) -> partition.topic().endsWith(".DLT"));
				if (committed.isEmpty()) {
					continue;
				}
				Map<TopicPartition, Long> ends = endOffsets(committed.keySet(), IsolationLevel.READ_COMMITTED);
				for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
					long from = entry.getValue().offset();
					long end = ends.getOrDefault(entry.getKey(), from);
					if (from < end) {
						long records = read(consumer, entry.getKey(), from, end).size();
						if (records > 0) {
							unprocessed.merge(group + " " + entry.getKey().topic(), records, Long::sum);
						}
					}
				}
			}
		}
		return unprocessed;
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
	}

	private Set<TopicPartition> partitions(Set<String> topics) {
		if (topics.isEmpty()) {
			return Set.of();
		}
		Map<String, TopicDescription> descriptions = get(this.admin.describeTopics(topics).allTopicNames());
		return descriptions.values()
			.stream()
			.flatMap((description) -> description.partitions()
				.stream()
				.map((partition) -> new TopicPartition(description.name(), partition.partition())))
			.collect(Collectors.toSet());
	}

	private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions, IsolationLevel isolation) {
		if (partitions.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
		partitions.forEach((partition) -> specs.put(partition, OffsetSpec.latest()));
		Map<TopicPartition, Long> ends = new HashMap<>();
		get(this.admin.listOffsets(specs, new ListOffsetsOptions(isolation)).all())
			.forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	private KafkaConsumer<byte[], byte[]> consumer(IsolationLevel isolation) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(java.util.Locale.ROOT));
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
		return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/** The records of one partition in {@code [from, end)}. */
	private static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer,
			TopicPartition partition, long from, long end) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		consumer.assign(List.of(partition));
		consumer.seek(partition, from);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (consumer.position(partition) < end && System.nanoTime() < deadline) {
			for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500)).records(partition)) {
				if (record.offset() < end) {
					records.add(record);
				}
			}
		}
		return records;
	}

	private static String reason(ConsumerRecord<byte[], byte[]> record) {
		for (String name : List.of("x-reason", "kafka_dlt-exception-message", "kafka_dlt-exception-cause-fqcn")) {
			Header header = record.headers().lastHeader(name);
			if (header != null && header.value() != null) {
				String text = new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
				return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
			}
		}
		return "(no reason header)";
	}

	private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
		try {
			return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka admin call failed: " + ex, ex);
		}
	}

}
