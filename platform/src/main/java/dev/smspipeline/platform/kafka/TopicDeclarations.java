package dev.smspipeline.platform.kafka;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.kafka.config.TopicBuilder;

import dev.smspipeline.schemas.Topics;

/**
 * Builds the {@link NewTopic} declarations Spring's {@code KafkaAdmin} creates at start.
 */
public class TopicDeclarations {

	private final TopicSettings settings;

	public TopicDeclarations(TopicSettings settings) {
		this.settings = settings;
	}

	public NewTopic topic(String name) {
		return builder(name).build();
	}

	/** A topic keyed by identity whose latest record per key is all that matters. */
	public NewTopic compacted(String name) {
		return builder(name).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
			.build();
	}

	/**
	 * The dead-letter topic of {@code name}, partitioned alike so a record keeps its
	 * partition.
	 */
	public NewTopic deadLetter(String name) {
		return topic(Topics.deadLetter(name));
	}

	private TopicBuilder builder(String name) {
		TopicBuilder builder = TopicBuilder.name(name).partitions(this.settings.partitions());
		if (this.settings.replicationFactor() > 0) {
			builder.replicas(this.settings.replicationFactor());
		}
		return builder;
	}

}
