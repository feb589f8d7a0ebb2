package dev.smspipeline.platform.kafka;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Shape of the topics a service creates when they do not exist yet. Existing topics are
 * left as they are.
 *
 * @param partitions partitions of each topic; the ceiling of consumer parallelism
 * @param replicationFactor replicas of each partition; -1 takes the broker's default
 */
@Validated
@ConfigurationProperties("sms.topics")
public record TopicSettings(@DefaultValue("6") @Min(1) int partitions,
		@DefaultValue("-1") @Min(-1) short replicationFactor) {

}
