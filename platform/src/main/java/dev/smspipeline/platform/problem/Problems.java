package dev.smspipeline.platform.problem;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Errors a controller throws to answer with problem+json. Spring MVC renders an
 * {@link ErrorResponseException} as RFC 9457; these name the common cases.
 */
public final class Problems {

	private Problems() {
	}

	/** 404, also for another account's ids, so their existence is never revealed. */
	public static ErrorResponseException notFound(String what, String id) {
		return problem(HttpStatus.NOT_FOUND, "No " + what + " with id '" + id + "'.");
	}

	/** 409: the request is valid but the resource's state forbids it. */
	public static ErrorResponseException conflict(String detail) {
		return problem(HttpStatus.CONFLICT, detail);
	}

	/** 400 for one field. */
	public static ErrorResponseException invalid(String field, String reason) {
		return invalid(List.of(new FieldError(field, reason)));
	}

	/** 400 listing every field at fault. */
	public static ErrorResponseException invalid(List<FieldError> errors) {
		ErrorResponseException ex = problem(HttpStatus.BAD_REQUEST, summary(errors));
		ex.getBody().setProperty("errors", errors);
		return ex;
	}

	/**
	 * 422: well-formed but cannot be processed, e.g. an idempotency key reused for
	 * another body.
	 */
	public static ErrorResponseException unprocessable(String field, String reason) {
		ErrorResponseException ex = problem(HttpStatus.UNPROCESSABLE_CONTENT, reason);
		ex.getBody().setProperty("errors", List.of(new FieldError(field, reason)));
		return ex;
	}

	/**
	 * 429: the account may not do this now; {@code Retry-After} says when it may (whole
	 * seconds, rounded up, at least one).
	 */
	public static ErrorResponseException tooManyRequests(String detail, Duration retryAfter) {
		ErrorResponseException ex = problem(HttpStatus.TOO_MANY_REQUESTS, detail);
		long millis = Math.max(1, retryAfter.toMillis());
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString((millis + 999) / 1000));
		return ex;
	}

	static String summary(List<FieldError> errors) {
		if (errors.size() == 1) {
			return errors.get(0).field() + ": " + errors.get(0).reason();
		}
		return errors.size() + " fields are invalid.";
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		return new ErrorResponseException(status, body, null);
	}

}
