package dev.smspipeline.platform.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Topic declarations with the shared {@link TopicSettings}.
 */
@AutoConfiguration
@ConditionalOnClass(TopicBuilder.class)
@EnableConfigurationProperties(TopicSettings.class)
public class TopicAutoConfiguration {

	@Bean
	TopicDeclarations topicDeclarations(TopicSettings settings) {
		return new TopicDeclarations(settings);
	}

}
