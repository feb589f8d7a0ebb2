package dev.smspipeline.platform.account;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.smspipeline.platform.kafka.TopicAutoConfiguration;
import dev.smspipeline.platform.kafka.TopicDeclarations;
import dev.smspipeline.platform.problem.ProblemAutoConfiguration;
import dev.smspipeline.platform.problem.ProblemWriter;
import dev.smspipeline.schemas.Topics;

/**
 * The accounts of every service that depends on the platform jar: an in-memory
 * {@link AccountDirectory} that {@link AccountStateReader} keeps in step with the
 * compacted {@code sms.accounts} topic (declared here too, so whichever service starts
 * first creates it compacted), with its health; and, unless
 * {@code sms.accounts.enabled=false}, API key authentication for {@code /api/**} against
 * it. A service without an API (dispatch) turns the keys off and still reads the
 * accounts: who owns which sender number, which account is suspended.
 */
@AutoConfiguration(after = { TopicAutoConfiguration.class, ProblemAutoConfiguration.class },
		afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(AccountSettings.class)
public class AccountAutoConfiguration {

	@Bean
	AccountDirectory accountDirectory(AccountSettings settings) {
		AccountDirectory directory = new AccountDirectory();
		settings.bootstrap().forEach((id, hash) -> directory.upsert(new AccountId(id), new ApiKeyHash(hash)));
		return directory;
	}

	/** API keys on {@code /api/**}, unless {@code sms.accounts.enabled=false}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "sms.accounts.enabled", havingValue = "true", matchIfMissing = true)
	static class ApiKeyConfiguration {

		@Bean
		ApiKeyUsage apiKeyUsage(ObjectProvider<Clock> clock) {
			return new ApiKeyUsage(clock.getIfAvailable(Clock::systemUTC));
		}

		@Bean
		FilterRegistrationBean<ApiKeyAuthenticationFilter> apiKeyAuthenticationFilter(AccountDirectory accounts,
				ProblemWriter problems, ApiKeyUsage usage) {
			FilterRegistrationBean<ApiKeyAuthenticationFilter> registration = new FilterRegistrationBean<>(
					new ApiKeyAuthenticationFilter(accounts, problems, usage));
			registration.addUrlPatterns("/*");
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

	/** The reader and the topic, where the service talks to Kafka. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ConsumerFactory.class)
	static class AccountTopicConfiguration {

		@Bean
		@ConditionalOnBean(ConsumerFactory.class)
		AccountStateReader accountStateReader(ConsumerFactory<?, ?> consumers, AccountDirectory directory,
				AccountSettings settings, ObjectProvider<MeterRegistry> meters) {
			return new AccountStateReader(consumers.getConfigurationProperties(), directory,
					settings.readerPollTimeout(), meters.getIfAvailable(SimpleMeterRegistry::new));
		}

		@Bean
		@ConditionalOnBean(TopicDeclarations.class)
		KafkaAdmin.NewTopics accountsTopic(TopicDeclarations topics) {
			return new KafkaAdmin.NewTopics(topics.compacted(Topics.ACCOUNTS));
		}

	}

	/** Readiness of the view, where the service has Actuator's health. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class AccountHealthConfiguration {

		@Bean
		HealthIndicator accountsHealthIndicator(AccountDirectory directory) {
			return () -> (directory.loaded() ? Health.up() : Health.down().withDetail("reason", "reading sms.accounts"))
				.withDetail("accounts", directory.size())
				.build();
		}

	}

}
