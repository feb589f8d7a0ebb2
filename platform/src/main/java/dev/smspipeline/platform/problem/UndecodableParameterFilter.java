package dev.smspipeline.platform.problem;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a query string or form that Tomcat cannot decode (invalid {@code %} escapes,
 * too many parameters, a form over {@code server.tomcat.max-http-form-post-size}) with
 * problem+json. Tomcat parses parameters lazily and throws
 * {@link InvalidParameterException} from the first {@code getParameter} call, wherever
 * that is (a filter, an argument resolver); left alone it reaches the container, which
 * logs it at ERROR with a stack trace. Here it is one WARN line without one.
 */
public class UndecodableParameterFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(UndecodableParameterFilter.class);

	private final ProblemWriter writer;

	public UndecodableParameterFilter(ProblemWriter writer) {
		this.writer = writer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			InvalidParameterException invalid = find(ex);
			if (invalid == null || response.isCommitted()) {
				throw ex;
			}
			refuse(request, response, invalid);
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, InvalidParameterException ex)
			throws IOException {
		int status = (ex.getErrorCode() >= 400 && ex.getErrorCode() < 500) ? ex.getErrorCode()
				: HttpStatus.BAD_REQUEST.value();
		log.warn("Refused {} {} with {}: its parameters could not be decoded ({})", request.getMethod(),
				request.getRequestURI(), status, ex.getMessage());
		ProblemDetail problem = ErrorProblems.forStatus(status, request.getRequestURI());
		if (status == HttpStatus.BAD_REQUEST.value()) {
			problem.setDetail("The query string or form body could not be decoded: an invalid %-escape, "
					+ "an invalid character or too many parameters.");
		}
		response.resetBuffer();
		this.writer.write(response, problem);
	}

	private static InvalidParameterException find(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof InvalidParameterException invalid) {
				return invalid;
			}
		}
		return null;
	}

}
