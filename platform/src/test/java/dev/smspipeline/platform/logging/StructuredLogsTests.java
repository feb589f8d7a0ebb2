package dev.smspipeline.platform.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON logs as a deployment switches them on
 * ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}): the text's ids are fields, and a phone
 * number in a message is masked by the platform's defaults.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTests {

	@Test
	void writesTheTextsIdsAsFieldsAndMasksPhoneNumbersInJsonLogs(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
			.web(WebApplicationType.NONE)
			.properties("logging.structured.format.console=ecs", "spring.application.name=structured-logs-test")
			.run()) {
			try (LogContext.Scope scope = LogContext.text("m-1", "c-1", "acme")) {
				LoggerFactory.getLogger(StructuredLogsTests.class).info("The 'To' number +14155550100 is not valid");
			}
		}

		String line = output.getOut()
			.lines()
			.filter((candidate) -> candidate.contains("is not valid"))
			.findFirst()
			.orElseThrow();
		assertThat(line).startsWith("{")
			.contains("\"messageId\":\"m-1\"", "\"campaignId\":\"c-1\"", "\"accountId\":\"acme\"")
			.contains("+1******0100")
			.doesNotContain("+14155550100");
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
