package dev.smspipeline.campaign.account;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.smspipeline.platform.account.ApiKeyHash;
import dev.smspipeline.platform.account.BearerRequests;
import dev.smspipeline.platform.problem.ProblemWriter;

/**
 * Requires {@code Authorization: Bearer <operator key>} on every {@code /admin/**} call,
 * decided on the path the container routes (decoded, without {@code ;} parameters), like
 * the API key filter. Account API keys are not operator keys. Refusals are 401
 * problem+json before a controller runs.
 */
class OperatorKeyFilter extends OncePerRequestFilter {

	private final List<byte[]> operatorHashes;

	private final ProblemWriter problems;

	OperatorKeyFilter(AdminSettings settings, ProblemWriter problems) {
		this.operatorHashes = settings.operatorKeyHashes()
			.stream()
			.map((hash) -> hash.getBytes(StandardCharsets.US_ASCII))
			.toList();
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !BearerRequests.isUnder(request, "/admin");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.operatorHashes.isEmpty()) {
			BearerRequests.refuse(this.problems, request, response,
					"No operator key is configured (sms.admin.operator-key-hashes).");
			return;
		}
		Optional<String> key = BearerRequests.token(request);
		if (key.isEmpty()) {
			BearerRequests.refuse(this.problems, request, response, "Send 'Authorization: Bearer <operator key>'.");
			return;
		}
		byte[] hash = ApiKeyHash.of(key.get()).hex().getBytes(StandardCharsets.US_ASCII);
		boolean known = false;
		for (byte[] operator : this.operatorHashes) {
			known |= MessageDigest.isEqual(operator, hash);
		}
		if (!known) {
			BearerRequests.refuse(this.problems, request, response, "The operator key is not valid.");
			return;
		}
		chain.doFilter(request, response);
	}

}
