package dev.smspipeline.status.callback;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CarrierErrorCodesTests {

	@ParameterizedTest
	@ValueSource(strings = { "30003", "30005", "30006", "30007", "30008", "21408", "21610", "21614" })
	void describesTheCommonCodesInOwnWordsWhateverTheCarrierSaid(String code) {
		assertThat(CarrierErrorCodes.describe(code, "x")).isNotEqualTo("x").hasSizeGreaterThan(15);
	}

	@Test
	void explainsUnknownError30008() {
		assertThat(CarrierErrorCodes.describe("30008", null)).startsWith("Unknown error");
	}

	@Test
	void keepsTheCarriersMessageForACodeItDoesNotKnow() {
		assertThat(CarrierErrorCodes.describe("39999", "Something new")).isEqualTo("Something new");
	}

	@Test
	void namesACodeItDoesNotKnowWhenTheCarrierGaveNoMessage() {
		assertThat(CarrierErrorCodes.describe("39999", " ")).isEqualTo("Carrier error 39999");
	}

}
