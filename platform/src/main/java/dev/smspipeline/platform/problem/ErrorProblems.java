package dev.smspipeline.platform.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The problem for a status the servlet container (not a controller) answered: a fixed
 * sentence per status, never the exception's message, so no internal class name or stack
 * detail leaves the service.
 */
final class ErrorProblems {

	/** RFC 9457's type of a problem that is only its status, written out. */
	static final URI BLANK = URI.create("about:blank");

	private ErrorProblems() {
	}

	static ProblemDetail forStatus(int status, String path) {
		int code = (status >= 400 && status <= 599) ? status : HttpStatus.INTERNAL_SERVER_ERROR.value();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code), detail(code));
		problem.setType(BLANK);
		if (path != null && !path.isEmpty()) {
			try {
				problem.setInstance(URI.create(path));
			}
			catch (IllegalArgumentException ex) {
				// a path that is no URI reference: leave the instance out
			}
		}
		return problem;
	}

	static String detail(int status) {
		return switch (status) {
			case 400 -> "The request is malformed: its request line, headers, query string or body could not be read.";
			case 401 -> "Authentication is required.";
			case 403 -> "Access to this resource is forbidden.";
			case 404 -> "No resource at this path.";
			case 405 -> "This method is not supported on this resource.";
			case 408 -> "The request took too long to arrive.";
			case 413 -> "The request body is larger than this service accepts.";
			case 414 -> "The request URI is longer than this service accepts.";
			case 415 -> "This content type is not supported here.";
			case 431 -> "The request headers are larger than this service accepts.";
			case 503 -> "The service is unavailable; try again later.";
			default -> (status >= 500) ? "The service failed to answer this request."
					: "The request was refused (HTTP " + status + ").";
		};
	}

}
