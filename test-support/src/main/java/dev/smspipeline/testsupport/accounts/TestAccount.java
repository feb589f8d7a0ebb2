package dev.smspipeline.testsupport.accounts;

import java.util.List;

/**
 * An account created in every service under test, with its API key in clear.
 *
 * @param id the account id
 * @param apiKey the key to send as {@code Authorization: Bearer <key>}
 */
public record TestAccount(String id, String apiKey) {

	/** The account most tests act as. */
	public static final TestAccount ACME = new TestAccount("acme", "sk_test_acme_0123456789abcdef0123456789abcdef");

	/** A second account, to prove one never sees the other's data. */
	public static final TestAccount GLOBEX = new TestAccount("globex",
			"sk_test_globex_0123456789abcdef0123456789abcdef");

	/**
	 * Not an account: the operator key of the admin API ({@code /admin/**}), configured
	 * in every service under test; use its {@link #bearer()}.
	 */
	public static final TestAccount OPERATOR = new TestAccount("operator", "op_test_0123456789abcdef0123456789abcdef");

	/** The accounts (not the operator). */
	public static List<TestAccount> all() {
		return List.of(ACME, GLOBEX);
	}

	/** The value of the {@code Authorization} header. */
	public String bearer() {
		return "Bearer " + this.apiKey;
	}

}
