package dev.smspipeline.platform.ratelimit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

import dev.smspipeline.platform.problem.ProblemWriter;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RateLimitAutoConfiguration.class))
		.withBean(ProblemWriter.class, () -> new ProblemWriter(JsonMapper.builder().build()))
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void registersTheFilterOnTheApiRightAfterTheApiKeyFilter() {
		this.runner.run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("rateLimitFilter", FilterRegistrationBean.class);
			assertThat(registration.isEnabled()).isTrue();
			assertThat(registration.getUrlPatterns()).containsExactly("/api/*");
			assertThat(registration.getOrder()).isGreaterThan(Ordered.HIGHEST_PRECEDENCE + 10);
		});
	}

	@Test
	void bindsGenerousDefaultsThatNoBenchmarkReaches() {
		this.runner.run((context) -> {
			RateLimitSettings settings = context.getBean(RateLimitSettings.class);
			assertThat(settings.rate()).isGreaterThanOrEqualTo(2000);
			assertThat(settings.burst()).isGreaterThanOrEqualTo(2000);
		});
	}

	@Test
	void turnsTheLimitOffAtARateOfZero() {
		this.runner.withPropertyValues("sms.rate-limit.rate=0").run((context) -> {
			assertThat(context.getBean("rateLimitFilter", FilterRegistrationBean.class).isEnabled()).isFalse();
		});
	}

	@Test
	void registersNoFilterWhereApiKeysAreOff() {
		this.runner.withPropertyValues("sms.accounts.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean("rateLimitFilter");
			assertThat(context).hasSingleBean(ApiRefusals.class);
		});
	}

}
