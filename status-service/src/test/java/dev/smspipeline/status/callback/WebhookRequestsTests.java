package dev.smspipeline.status.callback;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookRequestsTests {

	@Test
	void leavesTheQueryParametersOutOfTheSignedFormParameters() {
		MockHttpServletRequest request = callbackRequest();

		MultiValueMap<String, String> body = WebhookRequests.bodyParameters(request);

		assertThat(body).containsOnlyKeys("MessageSid", "MessageStatus", "To");
		assertThat(body.getFirst("To")).isEqualTo("+14155550100");
	}

	@Test
	void keepsAFormParameterThatSharesItsNameWithAQueryParameter() {
		MockHttpServletRequest request = callbackRequest();
		request.addParameter("accountId", "from-the-body");

		MultiValueMap<String, String> body = WebhookRequests.bodyParameters(request);

		assertThat(body.get("accountId")).containsExactly("from-the-body");
	}

	@Test
	void rebuildsTheUrlTheCarrierPostedTo() {
		MockHttpServletRequest request = callbackRequest();

		assertThat(WebhookRequests.signedUrl(request, null))
			.isEqualTo("http://localhost:8083/webhooks/carrier/status?messageId=m-1&accountId=acme");
	}

	@Test
	void leavesTheSchemesDefaultPortOut() {
		MockHttpServletRequest request = callbackRequest();
		request.setScheme("https");
		request.setServerName("sms.example.com");
		request.setServerPort(443);

		assertThat(WebhookRequests.signedUrl(request, null))
			.isEqualTo("https://sms.example.com/webhooks/carrier/status?messageId=m-1&accountId=acme");
	}

	@Test
	void takesSchemeHostAndPrefixFromThePublicBaseUrlBehindAProxy() {
		MockHttpServletRequest request = callbackRequest();
		request.setContextPath("/internal");
		request.setRequestURI("/internal/webhooks/carrier/status");

		assertThat(WebhookRequests.signedUrl(request, URI.create("https://sms.example.com/status/")))
			.isEqualTo("https://sms.example.com/status/webhooks/carrier/status?messageId=m-1&accountId=acme");
	}

	/** As a servlet container presents it: query and form parameters in one map. */
	private static MockHttpServletRequest callbackRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/carrier/status");
		request.setServerName("localhost");
		request.setServerPort(8083);
		request.setQueryString("messageId=m-1&accountId=acme");
		request.addParameter("messageId", "m-1");
		request.addParameter("accountId", "acme");
		request.addParameter("MessageSid", "SM1");
		request.addParameter("MessageStatus", "sent");
		request.addParameter("To", "+14155550100");
		return request;
	}

}
