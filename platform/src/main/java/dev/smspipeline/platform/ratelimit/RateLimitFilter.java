package dev.smspipeline.platform.ratelimit;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.smspipeline.platform.account.BearerRequests;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.account.CurrentAccount;
import dev.smspipeline.platform.problem.ProblemWriter;

/**
 * Limits each account's {@code /api/**} calls to its token bucket: a call beyond it
 * answers 429 problem+json with {@code Retry-After} (whole seconds, rounded up) before
 * any controller runs, so a refused call changes nothing and costs no database
 * connection. Runs after the API key filter, which names the account; a call without an
 * account (API keys turned off) is not limited. One account's calls never use another's
 * bucket.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

	private final TokenBuckets buckets;

	private final ProblemWriter problems;

	private final ApiRefusals refusals;

	/**
	 * The filter.
	 * @param buckets the accounts' buckets, {@code null} for no limit
	 * @param problems writes the 429
	 * @param refusals counts it
	 */
	RateLimitFilter(TokenBuckets buckets, ProblemWriter problems, ApiRefusals refusals) {
		this.buckets = buckets;
		this.problems = problems;
		this.refusals = refusals;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.buckets == null || !BearerRequests.isUnder(request, "/api");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		AccountId account = account(request);
		if (account != null) {
			Duration wait = this.buckets.take(account.value());
			if (!wait.isZero()) {
				long seconds = retryAfterSeconds(wait);
				log.debug("Account {} is over its request rate; retry in {} s", account.value(), seconds);
				this.refusals.count(ApiRefusals.Reason.RATE);
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
				this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
						"This account sends requests faster than its limit; retry in " + seconds + " s.");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** {@code wait} in whole seconds, rounded up, at least one. */
	static long retryAfterSeconds(Duration wait) {
		long seconds = wait.toSeconds();
		return Math.max(1, (wait.toNanosPart() > 0) ? seconds + 1 : seconds);
	}

	private static AccountId account(HttpServletRequest request) {
		try {
			return CurrentAccount.of(request);
		}
		catch (IllegalStateException ex) {
			return null;
		}
	}

}
