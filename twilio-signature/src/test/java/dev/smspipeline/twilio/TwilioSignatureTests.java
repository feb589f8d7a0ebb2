package dev.smspipeline.twilio;

import java.util.LinkedHashMap;
import java.util.Map;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Our signature against the official Twilio SDK's {@link RequestValidator}: what one
 * accepts, the other must accept too.
 */
class TwilioSignatureTests {

	private static final String AUTH_TOKEN = "12345678901234567890123456789012";

	private static final String URL = "https://sms.example.com/webhooks/carrier/status?messageId=5b1f0c1e-2f4b-4b7e-9a43-4c2c1d0e9f10&accountId=acme";

	private final TwilioSignature verifier = new TwilioSignature(AUTH_TOKEN);

	private final RequestValidator twilio = new RequestValidator(AUTH_TOKEN);

	@Test
	void signsAsTwiliosRequestValidatorExpects() {
		String signature = this.verifier.sign(URL, callback());

		assertThat(this.twilio.validate(URL, callback(), signature)).isTrue();
		assertThat(this.verifier.verify(URL, callback(), signature)).isTrue();
	}

	@Test
	void signsParametersWithSpecialCharactersAsTwilioDoes() {
		Map<String, String> params = callback();
		params.put("ErrorMessage", "Tëst & <weird> = ümlauts, +plus 🙂");
		String signature = this.verifier.sign(URL, params);

		assertThat(this.twilio.validate(URL, params, signature)).isTrue();
	}

	@Test
	void rejectsAChangedParameterLikeTwilio() {
		String signature = this.verifier.sign(URL, callback());
		Map<String, String> changed = callback();
		changed.put("MessageStatus", "delivered");

		assertThat(this.twilio.validate(URL, changed, signature)).isFalse();
		assertThat(this.verifier.verify(URL, changed, signature)).isFalse();
	}

	@Test
	void rejectsAChangedQueryLikeTwilio() {
		String signature = this.verifier.sign(URL, callback());
		String otherUrl = URL.replace("accountId=acme", "accountId=globex");

		assertThat(this.twilio.validate(otherUrl, callback(), signature)).isFalse();
		assertThat(this.verifier.verify(otherUrl, callback(), signature)).isFalse();
	}

	@Test
	void acceptsTheUrlWithItsDefaultPortWrittenOutLikeTwilio() {
		String signature = this.verifier.sign(URL, callback());
		String withPort = URL.replace("sms.example.com", "sms.example.com:443");

		assertThat(this.twilio.validate(withPort, callback(), signature)).isTrue();
		assertThat(this.verifier.verify(withPort, callback(), signature)).isTrue();
	}

	@Test
	void rejectsASignatureMadeWithAnotherAuthToken() {
		String signature = new TwilioSignature("another-token").sign(URL, callback());

		assertThat(this.verifier.verify(URL, callback(), signature)).isFalse();
	}

	@Test
	void refusesABlankAuthToken() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TwilioSignature(" "));
	}

	private static Map<String, String> callback() {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
		params.put("SmsSid", "SM0123456789abcdef0123456789abcdef");
		params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
		params.put("From", "+15005550006");
		params.put("To", "+14155550100");
		params.put("MessageStatus", "sent");
		params.put("SmsStatus", "sent");
		params.put("ApiVersion", "2010-04-01");
		return params;
	}

}
