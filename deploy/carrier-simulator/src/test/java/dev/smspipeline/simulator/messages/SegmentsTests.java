package dev.smspipeline.simulator.messages;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentsTests {

	@Test
	void fitsA160CharacterGsmBodyInOneSegment() {
		assertThat(Segments.count("a".repeat(160))).isEqualTo(1);
	}

	@Test
	void splitsLongerGsmBodiesInto153CharacterSegments() {
		assertThat(Segments.count("a".repeat(161))).isEqualTo(2);
		assertThat(Segments.count("a".repeat(306))).isEqualTo(2);
		assertThat(Segments.count("a".repeat(307))).isEqualTo(3);
	}

	@Test
	void countsExtendedGsmCharactersTwice() {
		assertThat(Segments.count("€".repeat(80))).isEqualTo(1);
		assertThat(Segments.count("€".repeat(81))).isEqualTo(2);
	}

	@Test
	void usesUcs2LimitsOnceOneCharacterIsOutsideGsm() {
		assertThat(Segments.count("✓" + "a".repeat(69))).isEqualTo(1);
		assertThat(Segments.count("✓" + "a".repeat(70))).isEqualTo(2);
	}

}
