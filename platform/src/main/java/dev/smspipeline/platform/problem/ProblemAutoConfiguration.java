package dev.smspipeline.platform.problem;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * problem+json for every error a service answers.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@Import(ProblemHandler.class)
public class ProblemAutoConfiguration {

	@Bean
	ProblemWriter problemWriter(JsonMapper json) {
		return new ProblemWriter(json);
	}

}
