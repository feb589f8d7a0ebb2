package dev.smspipeline.campaign.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTextsTests {

	@Test
	void aBlankHelpTextIsNone() {
		assertThat(HelpTexts.normalized(null)).isNull();
		assertThat(HelpTexts.normalized(" \n\t")).isNull();
	}

	@Test
	void aHelpTextIsStoredStripped() {
		assertThat(HelpTexts.normalized("  Acme: reply STOP to opt out. \n")).isEqualTo("Acme: reply STOP to opt out.");
	}

	@Test
	void fitsOneSegmentOf160Gsm7Characters() {
		assertThat(HelpTexts.fits("a".repeat(160))).isTrue();
		assertThat(HelpTexts.fits("a".repeat(161))).isFalse();
	}

	@Test
	void countsGsm7ExtensionCharactersTwice() {
		assertThat(HelpTexts.fits("€".repeat(80))).isTrue();
		assertThat(HelpTexts.fits("€".repeat(81))).isFalse();
	}

	@Test
	void fitsOneSegmentOf70CharactersOutsideGsm7() {
		assertThat(HelpTexts.fits("✓".repeat(70))).isTrue();
		assertThat(HelpTexts.fits("✓".repeat(71))).isFalse();
	}

}
