package dev.smspipeline.campaign.recipient;

import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTests {

	private final PhoneNumbers phoneNumbers = new PhoneNumbers(
			new RecipientSettings(Set.of("US", "CA"), "US", ZoneId.of("America/New_York")));

	@Test
	void normalisesANationalNumberToE164() {
		assertThat(this.phoneNumbers.check("(415) 201-0001"))
			.isEqualTo(new PhoneNumberCheck.Accepted("+14152010001", "US"));
	}

	@Test
	void acceptsACanadianNumber() {
		assertThat(this.phoneNumbers.check("+1 604 555 0123")).isInstanceOf(PhoneNumberCheck.Accepted.class);
	}

	@Test
	void rejectsTextThatIsNoNumberAsInvalid() {
		assertThat(this.phoneNumbers.check("call me maybe")).extracting("reasonCode")
			.isEqualTo(PhoneNumbers.INVALID_NUMBER);
	}

	@Test
	void rejectsANumberWithTooFewDigitsAsInvalid() {
		assertThat(this.phoneNumbers.check("+1415555")).extracting("reasonCode").isEqualTo(PhoneNumbers.INVALID_NUMBER);
	}

	@Test
	void rejectsANumberOutsideTheAllowedCountries() {
		assertThat(this.phoneNumbers.check("+44 20 7183 8750")).extracting("reasonCode")
			.isEqualTo(PhoneNumbers.UNSUPPORTED_COUNTRY);
	}

}
