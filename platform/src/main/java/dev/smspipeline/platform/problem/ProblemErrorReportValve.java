package dev.smspipeline.platform.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.MediaType;

/**
 * Tomcat's last-resort error report, as problem+json instead of an HTML page. It answers
 * what Tomcat refuses before any servlet runs, so before Spring Boot's error page can: a
 * request line or header it cannot parse, e.g. a header over
 * {@code server.max-http-request-header-size} (8 kB), answered 400.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private final ProblemWriter writer;

	public ProblemErrorReportValve(ProblemWriter writer) {
		this.writer = writer;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String path = null;
		try {
			path = request.getDecodedRequestURI();
		}
		catch (RuntimeException ex) {
			// the request line itself was unreadable
		}
		try {
			String body = this.writer.toJson(ErrorProblems.forStatus(status, path));
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer out = response.getReporter();
			if (out != null) {
				out.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is in a state that allows no report
		}
	}

}
