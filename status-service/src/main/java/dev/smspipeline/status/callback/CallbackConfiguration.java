package dev.smspipeline.status.callback;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.smspipeline.platform.problem.ProblemWriter;

/**
 * Puts the signature check in front of every carrier webhook.
 */
@Configuration(proxyBeanMethods = false)
class CallbackConfiguration {

	/** The carrier's webhooks, all signed the same way. */
	static final String WEBHOOKS = "/webhooks/carrier/*";

	@Bean
	FilterRegistrationBean<CarrierSignatureFilter> carrierSignatureFilter(CallbackSettings settings,
			ProblemWriter problems, CallbackMetrics metrics) {
		FilterRegistrationBean<CarrierSignatureFilter> registration = new FilterRegistrationBean<>(
				new CarrierSignatureFilter(settings, problems, metrics));
		registration.addUrlPatterns(WEBHOOKS);
		// After the character encoding filter, so the form is read as UTF-8 like the
		// carrier signed it.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
