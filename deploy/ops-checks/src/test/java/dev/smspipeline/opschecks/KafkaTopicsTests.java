package dev.smspipeline.opschecks;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Strimzi KafkaTopic resources of the base against the topic contract: every topic of
 * docs/contracts.md with its dead-letter topic, compacted where docs/contracts.md says
 * so, three replicas with two in sync.
 */
class KafkaTopicsTests {

	/** docs/contracts.md's topic table, with whether the topic is compacted. */
	static final Map<String, Boolean> DESIGN_TOPICS = Map.of("sms.message-requested", false, "sms.delivery-status",
			false, "sms.campaign-events", false, "crm.sms-requests", false, "sms.opt-outs", true);

	/**
	 * Compacted topics of docs/contracts.md read whole by every instance (no consumer
	 * group), so without a dead-letter topic: {@code sms.accounts}.
	 */
	static final Set<String> VIEW_TOPICS = Set.of("sms.accounts");

	/** Internal topics the pipeline relies on, all compacted (docs/architecture.md). */
	static final Set<String> INTERNAL_COMPACTED = Set.of("campaign-service.outbox-relay", "_schemas");

	private final List<K8sResource> base = Kustomization.of(Kustomization.K8S.resolve("base")).resources();

	@Test
	void everyDesignTopicExistsWithItsDeadLetterTopicAndCleanupPolicy() {
		Map<String, K8sResource> topics = topicsByName();
		DESIGN_TOPICS.forEach((name, compacted) -> {
			assertThat(topics).as("KafkaTopic for %s", name).containsKey(name);
			assertThat(cleanupPolicy(topics.get(name))).as("cleanup.policy of %s", name)
				.isEqualTo(compacted ? "compact" : "delete");
			String deadLetter = name + ".DLT";
			assertThat(topics).as("KafkaTopic for %s", deadLetter).containsKey(deadLetter);
			// A dead letter is a record to investigate, not the latest value of a key.
			assertThat(cleanupPolicy(topics.get(deadLetter))).as("cleanup.policy of %s", deadLetter)
				.isEqualTo("delete");
			// Records go to the DLT's partition of the same number.
			assertThat(partitions(topics.get(deadLetter))).as("partitions of %s", deadLetter)
				.isGreaterThanOrEqualTo(partitions(topics.get(name)));
		});
		VIEW_TOPICS.forEach((name) -> {
			assertThat(topics).as("KafkaTopic for %s", name).containsKey(name);
			assertThat(cleanupPolicy(topics.get(name))).as("cleanup.policy of %s", name).isEqualTo("compact");
		});
		INTERNAL_COMPACTED.forEach((name) -> {
			assertThat(topics).as("KafkaTopic for %s", name).containsKey(name);
			assertThat(cleanupPolicy(topics.get(name))).isEqualTo("compact");
		});
	}

	@Test
	void everyTopicConstantOfTheCodeIsInTheDesignTopicList() {
		// schemas' Topics class is where the services take topic names from.
		String source = Repository.read(Repository.path("schemas/src/main/java/dev/smspipeline/schemas/Topics.java"));
		Matcher constant = Pattern.compile("static final String (\\w+) = \"([^\"]+)\";").matcher(source);
		Set<String> names = new LinkedHashSet<>();
		while (constant.find()) {
			if (!constant.group(1).endsWith("_SUFFIX")) {
				names.add(constant.group(2));
			}
		}
		assertThat(names).isNotEmpty();
		Set<String> known = new LinkedHashSet<>(DESIGN_TOPICS.keySet());
		known.addAll(VIEW_TOPICS);
		assertThat(known).containsAll(names);
	}

	@Test
	void topicsKeepThreeReplicasWithTwoInSync() {
		for (K8sResource topic : topicsByName().values()) {
			assertThat(Yamls.stringAt(topic.spec(), "replicas")).as(topic.describe()).isEqualTo("3");
			assertThat(Yamls.stringAt(topic.spec(), "config", "min.insync.replicas")).as(topic.describe())
				.isEqualTo("2");
		}
		K8sResource kafka = single("Kafka");
		assertThat(Yamls.stringAt(kafka.spec(), "kafka", "config", "min.insync.replicas")).isEqualTo("2");
		assertThat(Yamls.stringAt(single("KafkaNodePool").spec(), "replicas")).isEqualTo("3");
	}

	@Test
	void everyTopicBelongsToTheKafkaClusterOfTheBase() {
		String cluster = single("Kafka").name();
		assertThat(Yamls.stringMapAt(single("KafkaNodePool").document(), "metadata", "labels"))
			.containsEntry("strimzi.io/cluster", cluster);
		for (K8sResource topic : topicsByName().values()) {
			assertThat(topic.labels()).as(topic.describe()).containsEntry("strimzi.io/cluster", cluster);
		}
	}

	@Test
	void servicesAndRegistryUseTheBootstrapServiceOfTheCluster() {
		// Strimzi names the bootstrap Service <cluster>-kafka-bootstrap.
		String bootstrap = single("Kafka").name() + "-kafka-bootstrap:9092";
		Kustomization base = Kustomization.of(Kustomization.K8S.resolve("base"));
		assertThat(base.generatedConfigMapData("sms-common")).containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
		K8sResource registry = KubernetesReferencesTests.deployment(this.base, "schema-registry");
		assertThat(Yamls.list(registry.containers().get(0).get("env"))).anyMatch(
				(variable) -> "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS".equals(Yamls.stringAt(variable, "name"))
						&& Yamls.stringAt(variable, "value").endsWith(bootstrap));
	}

	private Map<String, K8sResource> topicsByName() {
		Map<String, K8sResource> topics = new LinkedHashMap<>();
		for (K8sResource topic : KubernetesReferencesTests.ofKind(this.base, "KafkaTopic")) {
			String name = Yamls.stringAt(topic.spec(), "topicName");
			topics.put((name != null) ? name : topic.name(), topic);
		}
		return topics;
	}

	private K8sResource single(String kind) {
		List<K8sResource> resources = KubernetesReferencesTests.ofKind(this.base, kind);
		assertThat(resources).as("one %s in the base", kind).hasSize(1);
		return resources.get(0);
	}

	private static String cleanupPolicy(K8sResource topic) {
		String policy = Yamls.stringAt(topic.spec(), "config", "cleanup.policy");
		return (policy != null) ? policy : "delete";
	}

	private static int partitions(K8sResource topic) {
		return Integer.parseInt(Yamls.stringAt(topic.spec(), "partitions"));
	}

}
