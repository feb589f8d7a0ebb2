package dev.smspipeline.platform.account;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.smspipeline.platform.problem.ProblemWriter;

import static org.assertj.core.api.Assertions.assertThat;

class AccountAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AccountAutoConfiguration.class))
		.withBean(ProblemWriter.class, () -> new ProblemWriter(JsonMapper.builder().build()));

	@Test
	void requiresApiKeysOnTheApiByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(AccountDirectory.class);
			assertThat(context).hasBean("apiKeyAuthenticationFilter");
		});
	}

	@Test
	void keepsTheAccountsWithoutApiKeysWhereKeysAreOff() {
		this.runner.withPropertyValues("sms.accounts.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(AccountDirectory.class);
			assertThat(context).hasBean("accountsHealthIndicator");
			assertThat(context).doesNotHaveBean("apiKeyAuthenticationFilter");
			assertThat(context).doesNotHaveBean("currentAccountArgument");
		});
	}

}
