package dev.smspipeline.status;

import java.util.UUID;

import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.account.ApiKeyHash;
import dev.smspipeline.testsupport.accounts.AccountsTopic;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;

/**
 * An account of a test's own, known to this instance at once and published on
 * {@code sms.accounts} for any other instance, so that lists and searches show exactly
 * what the test put there, whatever other tests stored.
 *
 * @param id the account id
 * @param apiKey its API key in clear
 * @param api a client calling as this account
 */
public record FreshAccount(String id, String apiKey, ApiClient api) {

	/** Creates a new account with a random key in the service at {@code baseUrl}. */
	public static FreshAccount create(AccountDirectory accounts, String baseUrl) {
		String id = "test-" + UUID.randomUUID().toString().substring(0, 13);
		String key = "sk_test_" + UUID.randomUUID().toString().replace("-", "");
		accounts.upsert(new AccountId(id), ApiKeyHash.of(key));
		AccountsTopic.publish(new TestAccount(id, key));
		return new FreshAccount(id, key, ApiClient.withAuthorization("Bearer " + key, baseUrl));
	}

}
