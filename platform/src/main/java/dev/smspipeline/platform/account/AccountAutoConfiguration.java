package dev.smspipeline.platform.account;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.smspipeline.platform.problem.ProblemAutoConfiguration;
import dev.smspipeline.platform.problem.ProblemWriter;

import java.util.List;

/**
 * API key authentication for {@code /api/**}, on by default in every service that depends
 * on the platform jar. Expects an {@code account} table in the service's schema.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, ProblemAutoConfiguration.class })
@ConditionalOnProperty(name = "sms.accounts.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(AccountSettings.class)
public class AccountAutoConfiguration {

	@Bean
	AccountDirectory accountDirectory(JdbcClient jdbc, AccountSettings settings, ObjectProvider<Clock> clock) {
		return new AccountDirectory(jdbc, settings.cacheTtl(), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	AccountBootstrap accountBootstrap(AccountDirectory accounts, AccountSettings settings) {
		return new AccountBootstrap(accounts, settings);
	}

	@Bean
	FilterRegistrationBean<ApiKeyAuthenticationFilter> apiKeyAuthenticationFilter(AccountDirectory accounts,
			ProblemWriter problems) {
		FilterRegistrationBean<ApiKeyAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyAuthenticationFilter(accounts, problems));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	WebMvcConfigurer currentAccountArgument() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CurrentAccountArgumentResolver());
			}
		};
	}

}
