package dev.smspipeline.campaign.account;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.smspipeline.platform.account.ApiKeyHash;
import dev.smspipeline.platform.problem.ProblemWriter;

/**
 * Requires {@code Authorization: Bearer <operator key>} on every {@code /admin/**} call,
 * decided on the path the container routes (decoded, without {@code ;} parameters), like
 * the API key filter. Account API keys are not operator keys. Refusals are 401
 * problem+json before a controller runs.
 */
class OperatorKeyFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

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
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		return !(path.equals("/admin") || path.startsWith("/admin/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (this.operatorHashes.isEmpty()) {
			reject(request, response, "No operator key is configured (sms.admin.operator-key-hashes).");
			return;
		}
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| header.substring(BEARER.length()).isBlank()) {
			reject(request, response, "Send 'Authorization: Bearer <operator key>'.");
			return;
		}
		byte[] hash = ApiKeyHash.of(header.substring(BEARER.length()).trim()).hex().getBytes(StandardCharsets.US_ASCII);
		boolean known = false;
		for (byte[] operator : this.operatorHashes) {
			known |= MessageDigest.isEqual(operator, hash);
		}
		if (!known) {
			reject(request, response, "The operator key is not valid.");
			return;
		}
		chain.doFilter(request, response);
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer");
		this.problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
	}

}
