package dev.smspipeline.platform.account;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.smspipeline.platform.account.AccountDirectory.ApiKeyOwner;
import dev.smspipeline.platform.logging.LogContext;
import dev.smspipeline.platform.problem.ProblemWriter;

/**
 * Requires {@code Authorization: Bearer <api key>} on every {@code /api/**} call and puts
 * the key's account on the request (and its id in the logging MDC, {@code accountId}).
 * Anything else is refused with problem+json before a controller runs, so a refused call
 * changes nothing: 401 for a missing or unknown key, 403 for a suspended account's key,
 * 503 with {@code Retry-After} for a key not known yet while this instance is still
 * reading the accounts at start-up.
 *
 * <p>
 * Which calls are {@code /api/**} is decided on the path the servlet container routes
 * (decoded, normalised, without {@code ;} path parameters), the same path the handler
 * mapping sees, so no spelling of a path reaches a controller around this filter.
 *
 * <p>
 * Each call let through is noted in {@link ApiKeyUsage} (a key's last use).
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private final AccountDirectory accounts;

	private final ProblemWriter problems;

	private final ApiKeyUsage usage;

	ApiKeyAuthenticationFilter(AccountDirectory accounts, ProblemWriter problems, ApiKeyUsage usage) {
		this.accounts = accounts;
		this.problems = problems;
		this.usage = usage;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !BearerRequests.isUnder(request, "/api");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> key = BearerRequests.token(request);
		if (key.isEmpty()) {
			BearerRequests.refuse(this.problems, request, response, "Send 'Authorization: Bearer <api key>'.");
			return;
		}
		Optional<ApiKeyOwner> owner = this.accounts.findByApiKey(key.get());
		if (owner.isEmpty()) {
			if (!this.accounts.loaded()) {
				response.setHeader("Retry-After", "1");
				this.problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
						"This instance is still reading the accounts; try again in a second.");
				return;
			}
			BearerRequests.refuse(this.problems, request, response, "The API key is not valid.");
			return;
		}
		if (!owner.get().active()) {
			this.problems.write(request, response, HttpStatus.FORBIDDEN, "The account is suspended.");
			return;
		}
		AccountId account = owner.get().account();
		this.usage.used(account, owner.get().keyId());
		request.setAttribute(CurrentAccount.ATTRIBUTE, account);
		try (LogContext.Scope scope = LogContext.account(account.value())) {
			chain.doFilter(request, response);
		}
	}

}
