package dev.smspipeline.campaign.account;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.smspipeline.campaign.recipient.RecipientSettings;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.account.AccountSettings;
import dev.smspipeline.platform.account.ApiKeyHash;
import dev.smspipeline.platform.account.SenderNumbers;
import dev.smspipeline.platform.problem.ProblemWriter;

/**
 * The admin API's operator key filter, the canonical form of sender numbers, and the
 * configured accounts ({@code sms.accounts.bootstrap}) written to the store and published
 * at every start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminSettings.class)
class AccountAdminConfiguration {

	@Bean
	FilterRegistrationBean<OperatorKeyFilter> operatorKeyFilter(AdminSettings settings, ProblemWriter problems) {
		FilterRegistrationBean<OperatorKeyFilter> registration = new FilterRegistrationBean<>(
				new OperatorKeyFilter(settings, problems));
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * The platform's one canonical form of sender numbers, reading a national number in
	 * {@code sms.recipients.default-region}.
	 * @param settings the recipient settings
	 * @return the canonicaliser
	 */
	@Bean
	SenderNumbers senderNumbers(RecipientSettings settings) {
		return new SenderNumbers(settings.defaultRegion());
	}

	@Bean
	ApplicationRunner configuredAccounts(AccountSettings settings, AccountAdmin accounts) {
		return (arguments) -> settings.bootstrap()
			.forEach((id, hash) -> accounts.configure(new AccountId(id).value(), new ApiKeyHash(hash)));
	}

}
