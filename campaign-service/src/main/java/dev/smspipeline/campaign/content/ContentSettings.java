package dev.smspipeline.campaign.content;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Content rules: what a text may not say, per account and recipient country. A text that
 * matches an enabled rule ends REJECTED with {@code CONTENT_POLICY} and the rule's name,
 * before anything is published to dispatch.
 *
 * <p>
 * The rule set of an account is {@link #BUILT_IN}, overlaid by {@code rules} (the
 * service's defaults), overlaid by {@code accounts.<id>.rules}. A rule named in a later
 * layer replaces the one of the same name wholly; {@code enabled: false} switches one
 * off:
 *
 * <pre>
 * sms.content.rules.blocked-terms.terms=free money,act now
 * sms.content.accounts.globex.rules.url-shorteners.enabled=false
 * sms.content.accounts.globex.rules.no-crypto.terms=crypto,bitcoin
 * </pre>
 *
 * @param enabled whether content rules are applied at all
 * @param rules the service's default rules by name, over {@link #BUILT_IN}
 * @param accounts per-account rules by account id, over the defaults
 */
@Validated
@ConfigurationProperties("sms.content")
public record ContentSettings(@DefaultValue("true") boolean enabled, Map<String, @Valid Rule> rules,
		Map<String, @Valid AccountRules> accounts) {

	/**
	 * Rules that hold unless configured otherwise: {@code us-gambling}, gambling terms in
	 * texts to US numbers (the US carriers' messaging guidelines forbid gambling content
	 * on ordinary sender numbers); {@code url-shorteners}, links through public
	 * shorteners, which carriers filter as spam everywhere; {@code blocked-terms}, empty
	 * until configured.
	 */
	public static final Map<String, Rule> BUILT_IN = Map.of("us-gambling",
			new Rule(true, Set.of("US"),
					List.of("casino", "casinos", "gambling", "gamble", "sportsbook", "sports betting", "poker",
							"blackjack", "roulette", "slot machine", "slot machines", "jackpot", "bet now", "free bet",
							"free spins", "wager"),
					List.of(), List.of()),
			"url-shorteners",
			new Rule(true, Set.of(), List.of(),
					List.of("bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly", "rebrand.ly",
							"cutt.ly", "shorturl.at"),
					List.of()),
			"blocked-terms", new Rule(true, Set.of(), List.of(), List.of(), List.of()));

	public ContentSettings {
		rules = (rules != null) ? Map.copyOf(rules) : Map.of();
		accounts = (accounts != null) ? Map.copyOf(accounts) : Map.of();
	}

	/** The service's default rule set: {@link #BUILT_IN} overlaid by {@code rules}. */
	public Map<String, Rule> defaultRules() {
		Map<String, Rule> merged = new LinkedHashMap<>(BUILT_IN);
		merged.putAll(this.rules);
		return merged;
	}

	/** The rule set of one account: the defaults overlaid by its own rules. */
	public Map<String, Rule> rulesOf(String accountId) {
		Map<String, Rule> merged = defaultRules();
		AccountRules own = this.accounts.get(accountId);
		if (own != null) {
			merged.putAll(own.rules());
		}
		return merged;
	}

	/**
	 * One content rule. It applies to a text when it is enabled and the recipient's
	 * country is among {@code countries} (or {@code countries} is empty), and matches
	 * when any of its terms, link hosts or patterns occurs in the body.
	 *
	 * @param enabled whether the rule is applied
	 * @param countries ISO 3166 region codes of the recipients it applies to; empty: all
	 * @param terms words or phrases, matched case-insensitively as whole words (a
	 * phrase's words separated by any whitespace)
	 * @param linkHosts host names whose links are refused, with or without scheme, also
	 * their subdomains (e.g. {@code bit.ly})
	 * @param patterns Java regular expressions, matched case-insensitively anywhere
	 */
	public record Rule(@DefaultValue("true") boolean enabled, Set<String> countries, List<String> terms,
			List<String> linkHosts, List<String> patterns) {

		public Rule {
			countries = (countries != null) ? Set.copyOf(countries) : Set.of();
			terms = (terms != null) ? List.copyOf(terms) : List.of();
			linkHosts = (linkHosts != null) ? List.copyOf(linkHosts) : List.of();
			patterns = (patterns != null) ? List.copyOf(patterns) : List.of();
		}

	}

	/**
	 * One account's own rules.
	 *
	 * @param rules rules by name, over the service's defaults
	 */
	public record AccountRules(Map<String, @Valid Rule> rules) {

		public AccountRules {
			rules = (rules != null) ? Map.copyOf(rules) : Map.of();
		}

	}

}
