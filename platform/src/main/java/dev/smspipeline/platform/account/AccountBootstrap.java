package dev.smspipeline.platform.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Creates the accounts named in {@code sms.accounts.bootstrap} at start-up, so the local
 * stack's {@code demo} account exists in every service that serves an API.
 */
class AccountBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AccountBootstrap.class);

	private final AccountDirectory accounts;

	private final AccountSettings settings;

	AccountBootstrap(AccountDirectory accounts, AccountSettings settings) {
		this.accounts = accounts;
		this.settings = settings;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.settings.bootstrap().forEach((id, hash) -> {
			this.accounts.upsert(new AccountId(id), new ApiKeyHash(hash));
			log.info("Account '{}' is ready", id);
		});
	}

}
