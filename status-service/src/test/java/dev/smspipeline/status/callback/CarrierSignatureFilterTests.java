package dev.smspipeline.status.callback;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import dev.smspipeline.platform.problem.ProblemWriter;

import static org.assertj.core.api.Assertions.assertThat;
import dev.smspipeline.twilio.TwilioSignature;

class CarrierSignatureFilterTests {

	private static final String TOKEN = "test-auth-token";

	private static final String OUR_ACCOUNT = "AC0123456789abcdef0123456789abcdef";

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CarrierSignatureFilter filter = new CarrierSignatureFilter(
			new CallbackSettings(TOKEN, OUR_ACCOUNT, null, Duration.ofSeconds(10)),
			new ProblemWriter(JsonMapper.builder().build()), new CallbackMetrics(this.meters));

	@Test
	void letsAGenuineCallbackThrough() throws Exception {
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(signed(callback(OUR_ACCOUNT)), new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void refusesAGenuinelySignedCallbackOfAnotherCarrierAccount() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.filter.doFilter(signed(callback("AC99999999999999999999999999999999")), response, chain);

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void countsARefusedCallback() throws Exception {
		this.filter.doFilter(callback(OUR_ACCOUNT), new MockHttpServletResponse(), new MockFilterChain());

		assertThat(this.meters.get("sms.callbacks").tag("outcome", "forbidden").counter().count()).isEqualTo(1);
	}

	private static MockHttpServletRequest signed(MockHttpServletRequest request) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("MessageSid", "SM1");
		form.add("MessageStatus", "sent");
		form.add("AccountSid", request.getParameter("AccountSid"));
		request.addHeader(TwilioSignature.HEADER, new TwilioSignature(TOKEN)
			.signForm("http://localhost:8083/webhooks/carrier/status?messageId=m-1&accountId=acme", form));
		return request;
	}

	private static MockHttpServletRequest callback(String accountSid) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/carrier/status");
		request.setServerName("localhost");
		request.setServerPort(8083);
		request.setQueryString("messageId=m-1&accountId=acme");
		request.addParameter("messageId", "m-1");
		request.addParameter("accountId", "acme");
		request.addParameter("MessageSid", "SM1");
		request.addParameter("MessageStatus", "sent");
		request.addParameter("AccountSid", accountSid);
		return request;
	}

}
