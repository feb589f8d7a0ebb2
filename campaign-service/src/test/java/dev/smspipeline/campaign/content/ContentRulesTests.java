package dev.smspipeline.campaign.content;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentRulesTests {

	private final ContentRules defaults = new ContentRules(new ContentSettings(true, null, null));

	@Test
	void refusesGamblingTermsToUsNumbersAsWholeWordsInAnyCase() {
		assertThat(this.defaults.check("acme", "US", "Big night at the CASINO tonight!"))
			.hasValue(new ContentViolation("us-gambling", "CASINO"));
		assertThat(this.defaults.check("acme", "US", "Place a free   bet today"))
			.hasValueSatisfying((violation) -> assertThat(violation.matched()).isEqualTo("free   bet"));
	}

	@Test
	void letsWordsThatOnlyContainATermThrough() {
		assertThat(this.defaults.check("acme", "US", "Pokerface karaoke and a wagering-free wagerless deal")).isEmpty();
	}

	@Test
	void appliesACountryRuleOnlyToThatCountry() {
		assertThat(this.defaults.check("acme", "CA", "Poker night")).isEmpty();
		assertThat(this.defaults.check("acme", null, "Poker night")).isEmpty();
	}

	@Test
	void refusesLinksThroughUrlShortenersEverywhere() {
		assertThat(this.defaults.check("acme", "CA", "Details: https://bit.ly/3xYz"))
			.hasValueSatisfying((violation) -> assertThat(violation.rule()).isEqualTo("url-shorteners"));
		assertThat(this.defaults.check("acme", "US", "see tinyurl.com/abc.")).isPresent();
		assertThat(this.defaults.check("acme", "US", "see www.t.co/x")).isPresent();
		assertThat(this.defaults.check("acme", "US", "see http://go.ow.ly/x")).isPresent();
	}

	@Test
	void letsOtherLinksAndLookalikesThrough() {
		assertThat(this.defaults.check("acme", "US", "Order at https://shop.example.com/t.co/bit.ly")).isEmpty();
		assertThat(this.defaults.check("acme", "US", "Meet at.com or bit.lyrics.example")).isEmpty();
		assertThat(this.defaults.check("acme", "US", "Mail me: me@bit.ly")).isEmpty();
	}

	@Test
	void anAccountCanSwitchARuleOffAndAddItsOwn() {
		ContentRules rules = new ContentRules(new ContentSettings(true,
				Map.of("blocked-terms", new ContentSettings.Rule(true, null, List.of("act now"), null, null)),
				Map.of("globex", new ContentSettings.AccountRules(Map.of("url-shorteners",
						new ContentSettings.Rule(false, null, null, null, null), "no-codes",
						new ContentSettings.Rule(true, Set.of("US"), null, null, List.of("\\bcode\\s*\\d{4}\\b")))))));

		assertThat(rules.check("globex", "US", "https://bit.ly/x")).isEmpty();
		assertThat(rules.check("acme", "US", "https://bit.ly/x")).isPresent();
		assertThat(rules.check("globex", "US", "Use CODE 1234"))
			.hasValue(new ContentViolation("no-codes", "CODE 1234"));
		assertThat(rules.check("acme", "US", "Use CODE 1234")).isEmpty();
		assertThat(rules.check("globex", "CA", "Act now!")).hasValue(new ContentViolation("blocked-terms", "Act now"));
	}

	@Test
	void refusesNothingWhenDisabled() {
		ContentRules off = new ContentRules(new ContentSettings(false, null, null));

		assertThat(off.check("acme", "US", "casino bit.ly/x")).isEmpty();
	}

	@Test
	void aBadPatternFailsAtStart() {
		assertThatThrownBy(() -> new ContentRules(new ContentSettings(true,
				Map.of("broken", new ContentSettings.Rule(true, null, null, null, List.of("(unclosed"))), null)))
			.hasMessageContaining("Unclosed group");
	}

}
