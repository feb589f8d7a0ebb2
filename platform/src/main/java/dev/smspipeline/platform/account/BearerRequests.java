package dev.smspipeline.platform.account;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import dev.smspipeline.platform.problem.ProblemWriter;

/**
 * What every key filter needs from a request: which part of the service it is for, the
 * bearer token it carries, and the 401 that refuses it.
 */
public final class BearerRequests {

	private static final String BEARER = "Bearer ";

	private BearerRequests() {
	}

	/**
	 * Whether the request is for {@code prefix} or anything below it, decided on the path
	 * the servlet container routes (decoded, normalised, without {@code ;} path
	 * parameters), the same path the handler mapping matches, so no spelling of a path
	 * reaches a controller around the filter.
	 * @param request the request
	 * @param prefix e.g. {@code /api}
	 * @return whether it is under the prefix
	 */
	public static boolean isUnder(HttpServletRequest request, String prefix) {
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		return path.equals(prefix) || path.startsWith(prefix + "/");
	}

	/**
	 * The token of an {@code Authorization: Bearer <token>} header.
	 * @param request the request
	 * @return the token, trimmed, or empty when the header is missing, of another scheme
	 * or blank
	 */
	public static Optional<String> token(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| header.substring(BEARER.length()).isBlank()) {
			return Optional.empty();
		}
		return Optional.of(header.substring(BEARER.length()).trim());
	}

	/**
	 * Answers 401 problem+json with {@code WWW-Authenticate: Bearer}.
	 * @param problems writes the problem
	 * @param request the request
	 * @param response its response
	 * @param detail what is wrong, for a person to read
	 * @throws IOException when the answer cannot be written
	 */
	public static void refuse(ProblemWriter problems, HttpServletRequest request, HttpServletResponse response,
			String detail) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer");
		problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
	}

}
