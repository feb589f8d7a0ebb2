package dev.smspipeline.platform.problem;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page ({@code /error}) as problem+json, in place of Spring Boot's
 * {@code BasicErrorController}: what the servlet container refuses after the request was
 * mapped (a form over the size limit, a status sent with {@code sendError}, an exception
 * no handler answered) is answered with the status, its title and a fixed detail, never
 * an exception message or a stack trace.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

	private final ProblemWriter writer;

	public ProblemErrorController(ProblemWriter writer) {
		this.writer = writer;
	}

	@RequestMapping
	public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (!(status instanceof Integer code)) {
			// called directly, not as the error page
			this.writer.write(response, ErrorProblems.forStatus(404, request.getRequestURI()));
			return;
		}
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		this.writer.write(response, ErrorProblems.forStatus(code, (path instanceof String text) ? text : null));
	}

}
