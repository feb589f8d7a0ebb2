package dev.smspipeline.platform.account;

import org.junit.jupiter.api.Test;

import dev.smspipeline.events.SenderKind;

import static org.assertj.core.api.Assertions.assertThat;

class SenderNumbersTests {

	private final SenderNumbers numbers = new SenderNumbers("US");

	@Test
	void writesALongCodeInTheDefaultRegionsNationalFormatAsE164() {
		assertThat(this.numbers.canonical(SenderKind.LONG_CODE, "(415) 555-0100")).contains("+14155550100");
	}

	@Test
	void keepsAnE164NumberAsItIs() {
		assertThat(this.numbers.anyKind("+14155550100")).contains("+14155550100");
	}

	@Test
	void readsTheServicesSharedTestSenderAsAValidNumber() {
		assertThat(this.numbers.anyKind("+15005550006")).contains("+15005550006");
	}

	@Test
	void writesAShortCodeAsItsBareDigits() {
		assertThat(this.numbers.canonical(SenderKind.SHORT_CODE, " 123-456 ")).contains("123456");
	}

	@Test
	void readsFiveOrSixDigitsOfUnknownKindAsAShortCode() {
		assertThat(this.numbers.anyKind("12345")).contains("12345");
	}

	@Test
	void refusesAShortCodeAsALongCode() {
		assertThat(this.numbers.canonical(SenderKind.LONG_CODE, "12345")).isEmpty();
	}

	@Test
	void refusesWhatIsNoNumber() {
		assertThat(this.numbers.anyKind("not a number")).isEmpty();
		assertThat(this.numbers.anyKind("")).isEmpty();
		assertThat(this.numbers.anyKind(null)).isEmpty();
	}

	@Test
	void readsANationalNumberInTheRegionItWasGiven() {
		assertThat(new SenderNumbers("gb").anyKind("020 7946 0018")).contains("+442079460018");
	}

}
