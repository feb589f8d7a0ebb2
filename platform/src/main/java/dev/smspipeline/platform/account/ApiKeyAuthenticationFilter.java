package dev.smspipeline.platform.account;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.smspipeline.platform.logging.LogContext;
import dev.smspipeline.platform.problem.ProblemWriter;

/**
 * Requires {@code Authorization: Bearer <api key>} on every {@code /api/**} call and puts
 * the key's account on the request (and its id in the logging MDC, {@code accountId}).
 * Anything else answers 401 problem+json before a controller runs, so an unauthenticated
 * call changes nothing.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final AccountDirectory accounts;

	private final ProblemWriter problems;

	ApiKeyAuthenticationFilter(AccountDirectory accounts, ProblemWriter problems) {
		this.accounts = accounts;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| header.length() == BEARER.length()) {
			reject(request, response, "Send 'Authorization: Bearer <api key>'.");
			return;
		}
		Optional<AccountId> account = this.accounts.findByApiKey(header.substring(BEARER.length()).trim());
		if (account.isEmpty()) {
			reject(request, response, "The API key is not valid.");
			return;
		}
		request.setAttribute(CurrentAccount.ATTRIBUTE, account.get());
		try (LogContext.Scope scope = LogContext.account(account.get().value())) {
			chain.doFilter(request, response);
		}
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer");
		this.problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
	}

}
