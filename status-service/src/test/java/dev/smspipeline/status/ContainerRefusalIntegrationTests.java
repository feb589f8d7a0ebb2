package dev.smspipeline.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.http.UnencodedGet;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;
import dev.smspipeline.twilio.TwilioSignature;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the servlet container refuses before (or around) any controller is answered as
 * problem+json like everything else (the platform's error page, parameter filter and
 * error report valve): no HTML page, no Spring Boot error JSON, no internal class name,
 * and no ERROR line in the log.
 */
@ServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ContainerRefusalIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	ContainerRefusalIntegrationTests(@LocalServerPort int port) {
		this.port = port;
	}

	@Test
	void answersAWebhookFormOverTheSizeLimitWith413ProblemJson(CapturedOutput output) throws Exception {
		String form = "MessageSid=SM1&MessageStatus=delivered&Padding=" + "p".repeat(3_000_000);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(baseUrl() + "/webhooks/carrier/status?messageId=m&accountId=acme"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(TwilioSignature.HEADER, "bm9wZQ==")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		ApiResponse answer = new ApiResponse(response.statusCode(),
				response.headers().firstValue("Content-Type").orElse(""), response.body());

		assertIsProblem(answer, 413);
		assertThat(answer.<String>json("$.title")).isEqualTo("Content Too Large");
		assertThat(answer.<String>json("$.detail")).isEqualTo("The request body is larger than this service accepts.");
		assertThat(output).doesNotContain("InvalidParameterException");
	}

	@Test
	void answersAQueryThatIsNoValidUrlEncodingWith400ProblemJsonAndLogsNoError(CapturedOutput output) {
		ApiResponse answer = unencodedGet("/api/v1/messages?status=FAILED&cursor=%%%", TestAccount.ACME);

		assertIsProblem(answer, 400);
		assertThat(answer.<String>json("$.detail")).contains("could not be decoded");
		assertThat(answer.<String>json("$.instance")).isEqualTo("/api/v1/messages");
		assertThat(output).contains("Refused GET /api/v1/messages with 400: its parameters could not be decoded")
			.doesNotContain("InvalidParameterException")
			.doesNotContain("Servlet.service()");
		assertThat(output.getAll()
			.lines()
			.filter((line) -> line.contains(" ERROR ") || line.contains("\"level\":\"ERROR\""))).isEmpty();
	}

	@Test
	void answersAHeaderOverTomcatsLimitWith400ProblemJsonNotAnHtmlPage() {
		ApiResponse answer = ApiClient.withAuthorization("Bearer " + "k".repeat(10_000), baseUrl())
			.get("/api/v1/messages?status=FAILED");

		assertIsProblem(answer, 400);
		assertThat(answer.body()).doesNotContainIgnoringCase("<html").doesNotContain("Tomcat");
	}

	@Test
	void answersAPathNoControllerHasWith404ProblemJson() {
		ApiResponse answer = ApiClient.as(TestAccount.ACME, baseUrl()).get("/api/v1/no-such-thing");

		assertIsProblem(answer, 404);
	}

	private static void assertIsProblem(ApiResponse answer, int status) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.contentType()).as(answer.body()).startsWith("application/problem+json");
		assertThat(answer.<Integer>json("$.status")).isEqualTo(status);
		assertThat(answer.<String>json("$.type")).isEqualTo("about:blank");
		assertThat(answer.<String>json("$.title")).isNotBlank();
		assertThat(answer.<String>json("$.detail")).isNotBlank();
		assertThat(answer.body()).doesNotContain("dev.smspipeline", "org.apache", "java.", "trace", "exception");
	}

	private ApiResponse unencodedGet(String pathAndQuery, TestAccount account) {
		return UnencodedGet.send("localhost", this.port, pathAndQuery, account.bearer());
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
