package dev.smspipeline.platform.problem;

import java.net.URI;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorProblemsTests {

	@Test
	void givesAContainerRefusalItsStatusTitleAndAFixedDetail() {
		ProblemDetail problem = ErrorProblems.forStatus(413, "/webhooks/carrier/status");
		assertThat(problem.getStatus()).isEqualTo(413);
		assertThat(problem.getTitle()).isEqualTo("Content Too Large");
		assertThat(problem.getDetail()).isEqualTo("The request body is larger than this service accepts.");
		assertThat(problem.getInstance()).isEqualTo(URI.create("/webhooks/carrier/status"));
	}

	@Test
	void answersAnythingThatIsNoErrorStatusAs500AndLeavesOutAPathThatIsNoUri() {
		ProblemDetail problem = ErrorProblems.forStatus(200, "/a path with spaces");
		assertThat(problem.getStatus()).isEqualTo(500);
		assertThat(problem.getInstance()).isNull();
	}

	@Test
	void writesTypeTitleStatusAndDetail() {
		String json = new ProblemWriter(JsonMapper.builder().build()).toJson(ErrorProblems.forStatus(400, "/x"));
		assertThat(json).contains("\"type\":\"about:blank\"", "\"title\":\"Bad Request\"", "\"status\":400",
				"\"detail\":\"The request is malformed");
	}

}
