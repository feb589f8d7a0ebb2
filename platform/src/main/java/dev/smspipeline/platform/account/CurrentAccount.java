package dev.smspipeline.platform.account;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The account of the request being served, as the API key filter resolved it.
 */
public final class CurrentAccount {

	static final String ATTRIBUTE = CurrentAccount.class.getName();

	private CurrentAccount() {
	}

	public static AccountId of(HttpServletRequest request) {
		AccountId account = (AccountId) request.getAttribute(ATTRIBUTE);
		if (account == null) {
			throw new IllegalStateException("No account on this request: is it outside /api/**?");
		}
		return account;
	}

}
