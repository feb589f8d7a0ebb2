package dev.smspipeline.platform.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import dev.smspipeline.platform.account.AccountAutoConfiguration;
import dev.smspipeline.platform.problem.ProblemAutoConfiguration;
import dev.smspipeline.platform.problem.ProblemWriter;

/**
 * The per-account request rate on {@code /api/**} ({@link RateLimitSettings}) and the
 * {@link ApiRefusals} counter, in every web service that depends on the platform jar. The
 * filter runs right after the API key filter ({@code HIGHEST_PRECEDENCE + 10}).
 */
@AutoConfiguration(after = { AccountAutoConfiguration.class, ProblemAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(RateLimitSettings.class)
public class RateLimitAutoConfiguration {

	/** After the API key filter, which puts the account on the request. */
	public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	@Bean
	ApiRefusals apiRefusals(ObjectProvider<MeterRegistry> meters) {
		return new ApiRefusals(meters.getIfAvailable(() -> Metrics.globalRegistry));
	}

	/**
	 * Off ({@code enabled} false) when {@code sms.rate-limit.rate} is 0; absent where API
	 * keys are off ({@code sms.accounts.enabled=false}), there being no account to limit.
	 */
	@Bean
	@ConditionalOnProperty(name = "sms.accounts.enabled", havingValue = "true", matchIfMissing = true)
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimitSettings settings, ProblemWriter problems,
			ApiRefusals refusals) {
		TokenBuckets buckets = settings.enabled()
				? new TokenBuckets(settings.rate(), settings.burst(), settings.maxAccounts(), System::nanoTime) : null;
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(buckets, problems, refusals));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(FILTER_ORDER);
		registration.setEnabled(buckets != null);
		return registration;
	}

}
