package dev.smspipeline.schemas;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OptOutKeyTests {

	@Test
	void joinsTheAccountAndTheNumberWithAColon() {
		assertThat(OptOutKey.of("acme", "+12125550100")).isEqualTo("acme:+12125550100");
	}

	@Test
	void valueIsTheKeyOfTheTopic() {
		assertThat(new OptOutKey("acme-2_b", "+4915112345678").value()).isEqualTo("acme-2_b:+4915112345678");
	}

	@Test
	void readsBackTheKeyItWrites() {
		assertThat(OptOutKey.parse(OptOutKey.of("acme", "+12125550100")))
			.contains(new OptOutKey("acme", "+12125550100"));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { ":", "acme", "acme:", ":+12125550100", "+12125550100", "acme:+1:2125550100",
			"acme:evil:+12125550100", "ac me:+12125550100", "acme\n:+12125550100", " :+12125550100", "acme:12125550100",
			"acme: +12125550100", "acme:+12125550100 ", "acme:+1212555010O", "acme:+0125550100", "acme:+1234",
			"acme:+1234567890123456", "acme:+12125550100\n", "acme:+١٢١٢٥٥٥٠١٠٠" })
	void refusesAKeyThatIsNotAnAccountAndANumber(String key) {
		assertThat(OptOutKey.parse(key)).isEmpty();
	}

	@Test
	void acceptsTheShortestAndLongestE164Numbers() {
		assertThat(OptOutKey.parse("acme:+1234567")).contains(new OptOutKey("acme", "+1234567"));
		assertThat(OptOutKey.parse("acme:+123456789012345")).contains(new OptOutKey("acme", "+123456789012345"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "+1415555", "+141555501000000", "+14155550100" })
	void takesAnE164RecipientAsTheProducersWriteIt(String number) {
		assertThat(OptOutKey.isE164(number)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "14155550100", "+04155550100", "+1 415 555 0100", "+141555", "+1415555010000000",
			"+14155550100\n" })
	void refusesARecipientThatIsNotE164(String number) {
		assertThat(OptOutKey.isE164(number)).isFalse();
	}

	@Test
	void refusesNoRecipient() {
		assertThat(OptOutKey.isE164(null)).isFalse();
	}

}
