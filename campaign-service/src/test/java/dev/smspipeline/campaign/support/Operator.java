package dev.smspipeline.campaign.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;

import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator calling the accounts admin API with {@link TestAccount#OPERATOR}, to give a
 * test accounts, keys and senders of its own.
 */
public final class Operator {

	/** How long a change may take to reach every service's view of the accounts. */
	public static final Duration PROPAGATION = Duration.ofSeconds(5);

	private final int port;

	private Operator(int port) {
		this.port = port;
	}

	public static Operator at(int port) {
		return new Operator(port);
	}

	/** A fresh account id. */
	public static String newAccountId() {
		return "t-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
	}

	/** Calls as the operator. */
	public ApiClient api() {
		return ApiClient.as(TestAccount.OPERATOR, "http://localhost:" + this.port);
	}

	/** Calls as the operator, with the less common methods. */
	public Http http() {
		return Http.as(TestAccount.OPERATOR, this.port);
	}

	/** Creates an account from its JSON, expecting 201, and returns its id. */
	public String create(String json) {
		ApiResponse created = api().postJson("/admin/v1/accounts", json);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json("$.id");
	}

	/** Creates an account with just an id. */
	public String create() {
		return create("{\"id\": \"" + newAccountId() + "\"}");
	}

	/** Issues a key named {@code test key}, expecting 201. */
	public TestAccount issueKey(String id) {
		ApiResponse issued = api().postJson("/admin/v1/accounts/" + id + "/keys", "{\"name\": \"test key\"}");
		assertThat(issued.status()).as(issued.body()).isEqualTo(201);
		return new TestAccount(id, issued.json("$.apiKey"));
	}

	/** Issues a key and waits until the API takes it. */
	public TestAccount readyKey(String id) {
		TestAccount account = issueKey(id);
		awaitAccepted(account);
		return account;
	}

	/** Waits until the API answers the key with 200. */
	public void awaitAccepted(TestAccount account) {
		Awaitility.await()
			.atMost(PROPAGATION)
			.untilAsserted(
					() -> assertThat(Http.as(account, this.port).get("/api/v1/campaigns").status()).isEqualTo(200));
	}

}
