package dev.smspipeline.platform.sms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSegmentsTests {

	@Test
	void fits160Gsm7CharactersInOneSegment() {
		assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
	}

	@Test
	void splitsLongerGsm7TextInto153CharacterSegments() {
		assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
	}

	@Test
	void countsExtendedGsm7CharactersTwice() {
		assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
		assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
	}

	@Test
	void switchesToUcs2ForCharactersOutsideGsm7() {
		assertThat(SmsSegments.count("✓".repeat(70))).isEqualTo(1);
		assertThat(SmsSegments.count("✓".repeat(71))).isEqualTo(2);
	}

}
