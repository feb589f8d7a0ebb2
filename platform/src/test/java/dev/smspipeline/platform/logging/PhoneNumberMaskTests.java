package dev.smspipeline.platform.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumberMaskTests {

	@Test
	void keepsTheFirstDigitAndTheLastFourOfANumber() {
		assertThat(PhoneNumberMask.mask("+14155550100")).isEqualTo("+1******0100");
		assertThat(PhoneNumberMask.mask("+442071838750")).isEqualTo("+4*******8750");
		assertThat(PhoneNumberMask.mask("(415) 555-0100")).isEqualTo("(4**) ***-0100");
	}

	@Test
	void keepsOnlyTheLastTwoDigitsOfAShortNumber() {
		assertThat(PhoneNumberMask.mask("12345")).isEqualTo("***45");
		assertThat(PhoneNumberMask.mask(null)).isNull();
	}

	@Test
	void masksEveryNumberInAText() {
		assertThat(PhoneNumberMask.maskAll("The 'To' number +14155550100 is not valid; nor +442071838750."))
			.isEqualTo("The 'To' number +1******0100 is not valid; nor +4*******8750.");
	}

	@Test
	void leavesTextWithoutNumbersAlone() {
		assertThat(PhoneNumberMask.maskAll("message 5b0c1234-0000 at offset 12345678, +12"))
			.isEqualTo("message 5b0c1234-0000 at offset 12345678, +12");
	}

}
