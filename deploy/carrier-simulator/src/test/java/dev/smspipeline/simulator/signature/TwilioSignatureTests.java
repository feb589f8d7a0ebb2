package dev.smspipeline.simulator.signature;

import java.util.LinkedHashMap;
import java.util.Map;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioSignatureTests {

	private static final String TOKEN = "12345";

	private static final String URL = "https://pipeline.example.com/webhooks/carrier/status?messageId=01J9Z&tenant=a%20b";

	private final TwilioSignature signature = new TwilioSignature(TOKEN);

	private final RequestValidator twilio = new RequestValidator(TOKEN);

	@Test
	void signsAUrlWithAQueryStringAndSeveralParamsAsTwiliosRequestValidatorExpects() {
		Map<String, String> params = params();

		String signed = this.signature.sign(URL, params);

		assertThat(this.twilio.validate(URL, params, signed)).isTrue();
	}

	@Test
	void twiliosRequestValidatorRejectsOurSignatureOfOtherParams() {
		String signed = this.signature.sign(URL, params());
		Map<String, String> tampered = params();
		tampered.put("MessageStatus", "undelivered");

		assertThat(this.twilio.validate(URL, tampered, signed)).isFalse();
	}

	@Test
	void twiliosRequestValidatorRejectsOurSignatureWhenTheQueryStringDiffers() {
		String signed = this.signature.sign(URL, params());

		assertThat(this.twilio.validate(URL.replace("01J9Z", "01J9Y"), params(), signed)).isFalse();
	}

	@Test
	void sortsParamsByNameWhateverTheirOrder() {
		Map<String, String> reversed = new LinkedHashMap<>();
		params().entrySet()
			.stream()
			.sorted(Map.Entry.<String, String>comparingByKey().reversed())
			.forEach((entry) -> reversed.put(entry.getKey(), entry.getValue()));

		assertThat(this.signature.sign(URL, reversed)).isEqualTo(this.signature.sign(URL, params()));
	}

	@Test
	void verifiesItsOwnSignature() {
		assertThat(this.signature.verify(URL, params(), this.signature.sign(URL, params()))).isTrue();
	}

	@Test
	void doesNotVerifyASignatureMadeWithAnotherToken() {
		String other = new TwilioSignature("54321").sign(URL, params());

		assertThat(this.signature.verify(URL, params(), other)).isFalse();
		assertThat(this.twilio.validate(URL, params(), other)).isFalse();
	}

	@Test
	void verifiesASignatureOverTheUrlWithItsDefaultPortLikeTwilio() {
		String withPort = URL.replace("example.com/", "example.com:443/");
		String signed = this.signature.sign(withPort, params());

		assertThat(this.twilio.validate(URL, params(), signed)).isTrue();
		assertThat(this.signature.verify(URL, params(), signed)).isTrue();
	}

	@Test
	void signsAGetWithoutParams() {
		String signed = this.signature.sign(URL, Map.of());

		assertThat(this.twilio.validate(URL, Map.of(), signed)).isTrue();
	}

	private static Map<String, String> params() {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
		params.put("SmsSid", "SM0123456789abcdef0123456789abcdef");
		params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
		params.put("From", "+15005550006");
		params.put("To", "+14155550100");
		params.put("MessageStatus", "delivered");
		params.put("SmsStatus", "delivered");
		params.put("ApiVersion", "2010-04-01");
		params.put("Body", "Héllo & goodbye = ünïcode ✓");
		return params;
	}

}
