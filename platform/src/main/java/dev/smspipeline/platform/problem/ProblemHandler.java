package dev.smspipeline.platform.problem;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns what Spring MVC raises for bad input into problem+json with the field and the
 * reason, so a client can fix its request without reading our logs.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldError(error.getField(), error.getDefaultMessage()))
			.toList();
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, Problems.summary(errors));
		body.setProperty("errors", errors);
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		FieldError error = describe(ex);
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				error.field() + ": " + error.reason());
		body.setProperty("errors", List.of(error));
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Every problem names its type, {@code about:blank} unless a handler set another, so
	 * a client sees the same members (type, title, status, detail) whatever refused it.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getType() == null) {
			problem.setType(ErrorProblems.BLANK);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static FieldError describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof DatabindException databind) {
			String field = databind.getPath().isEmpty() ? "body"
					: databind.getPathReference()
						.replaceAll("^[^\\[\"]*\\[\"?", "")
						.replace("\"][\"", ".")
						.replaceAll("\"?\\]$", "");
			return new FieldError(field, JsonReasons.reason(databind));
		}
		if (cause instanceof JacksonException jackson) {
			return new FieldError("body", "not valid JSON: " + JsonReasons.sanitize(jackson.getOriginalMessage()));
		}
		return new FieldError("body", "missing or unreadable request body");
	}

}
