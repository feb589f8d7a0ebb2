package dev.smspipeline.platform.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.account.CurrentAccount;
import dev.smspipeline.platform.problem.ProblemWriter;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitFilterTests {

	private final AtomicLong nanos = new AtomicLong();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RateLimitFilter filter = new RateLimitFilter(new TokenBuckets(0.4, 1, 10, this.nanos::get),
			new ProblemWriter(JsonMapper.builder().build()), new ApiRefusals(this.meters));

	@Test
	void answersACallOverTheRateWith429ProblemAndRetryAfterInWholeSecondsRoundedUp() throws Exception {
		call("acme");

		MockHttpServletResponse refused = call("acme");

		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("3");
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(refused.getContentAsString()).contains("\"status\":429", "faster than its limit");
	}

	@Test
	void countsARefusalUnderReasonRate() throws Exception {
		call("acme");
		call("acme");

		assertThat(this.meters.get("sms.api.refused").tag("reason", "rate").counter().count()).isEqualTo(1);
	}

	@Test
	void letsAnotherAccountThroughWhileOneIsLimited() throws Exception {
		call("acme");
		call("acme");

		assertThat(call("globex").getStatus()).isEqualTo(200);
	}

	@Test
	void leavesCallsOutsideTheApiAlone() throws Exception {
		for (int i = 0; i < 3; i++) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
			request.setServletPath("/actuator/health");
			MockHttpServletResponse response = new MockHttpServletResponse();
			this.filter.doFilter(request, response, new MockFilterChain());
			assertThat(response.getStatus()).isEqualTo(200);
		}
	}

	@Test
	void limitsACallSpelledWithPathParametersLikeItsPlainSpelling() throws Exception {
		call("acme");
		call("acme");

		assertThat(call("acme", "/api;x=1/v1/messages").getStatus()).isEqualTo(429);
	}

	@Test
	void roundsRetryAfterUpToAWholeSecondAndNeverBelowOne() {
		assertThat(RateLimitFilter.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
		assertThat(RateLimitFilter.retryAfterSeconds(Duration.ofSeconds(2))).isEqualTo(2);
		assertThat(RateLimitFilter.retryAfterSeconds(Duration.ofMillis(2001))).isEqualTo(3);
	}

	private MockHttpServletResponse call(String account) throws Exception {
		return call(account, "/api/v1/messages");
	}

	/** A call as the container hands it over: the routed path has no path parameters. */
	private MockHttpServletResponse call(String account, String uri) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		request.setServletPath("/api/v1/messages");
		request.setAttribute(CurrentAccount.class.getName(), new AccountId(account));
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
