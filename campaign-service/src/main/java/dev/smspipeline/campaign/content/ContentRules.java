package dev.smspipeline.campaign.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Checks a text's body against the content rules of its account and its recipient's
 * country ({@link ContentSettings}). Rules are compiled once: the defaults at start (a
 * bad pattern stops the service from starting), an account's own set on its first text.
 * Thread-safe.
 */
@Component
public class ContentRules {

	/**
	 * A link: optional scheme, then a host of two or more labels, not part of a word, an
	 * e-mail address or a path.
	 */
	private static final Pattern LINK = Pattern.compile(
			"(?<![\\p{L}\\p{N}@./\\-])(?:https?://)?((?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+\\p{L}{2,})(?![\\p{L}\\p{N}-])",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private final ContentSettings settings;

	private final List<CompiledRule> defaults;

	private final Map<String, List<CompiledRule>> byAccount = new ConcurrentHashMap<>();

	public ContentRules(ContentSettings settings) {
		this.settings = settings;
		this.defaults = compile(settings.defaultRules());
		settings.accounts().keySet().forEach(this::rulesOf);
	}

	/**
	 * The first rule the body breaks, if any.
	 * @param accountId the text's account
	 * @param region the recipient's ISO 3166 region code, or {@code null} when unknown
	 * (then only rules for every country apply)
	 * @param body the text as it would be sent
	 * @return the violation, or empty when the text may go
	 */
	public Optional<ContentViolation> check(String accountId, String region, String body) {
		if (!this.settings.enabled() || body == null || body.isEmpty()) {
			return Optional.empty();
		}
		for (CompiledRule rule : rulesOf(accountId)) {
			if (rule.appliesTo(region)) {
				Optional<ContentViolation> violation = rule.match(body);
				if (violation.isPresent()) {
					return violation;
				}
			}
		}
		return Optional.empty();
	}

	private List<CompiledRule> rulesOf(String accountId) {
		if (!this.settings.accounts().containsKey(accountId)) {
			return this.defaults;
		}
		return this.byAccount.computeIfAbsent(accountId, (id) -> compile(this.settings.rulesOf(id)));
	}

	private static List<CompiledRule> compile(Map<String, ContentSettings.Rule> rules) {
		List<CompiledRule> compiled = new ArrayList<>();
		rules.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.filter((entry) -> entry.getValue().enabled())
			.forEach((entry) -> compiled.add(CompiledRule.of(entry.getKey(), entry.getValue())));
		return List.copyOf(compiled);
	}

	private record CompiledRule(String name, Set<String> countries, Pattern terms, Set<String> hosts,
			List<Pattern> patterns) {

		static CompiledRule of(String name, ContentSettings.Rule rule) {
			Pattern terms = null;
			if (!rule.terms().isEmpty()) {
				String alternatives = rule.terms()
					.stream()
					.map(String::trim)
					.filter((term) -> !term.isEmpty())
					.map((term) -> List.of(term.split("\\s+"))
						.stream()
						.map(Pattern::quote)
						.collect(Collectors.joining("\\s+")))
					.collect(Collectors.joining("|"));
				if (!alternatives.isEmpty()) {
					terms = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
							Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
				}
			}
			Set<String> hosts = rule.linkHosts()
				.stream()
				.map((host) -> host.trim().toLowerCase(Locale.ROOT))
				.filter((host) -> !host.isEmpty())
				.collect(Collectors.toUnmodifiableSet());
			List<Pattern> patterns = rule.patterns()
				.stream()
				.map((pattern) -> Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
				.toList();
			Set<String> countries = rule.countries()
				.stream()
				.map((country) -> country.trim().toUpperCase(Locale.ROOT))
				.collect(Collectors.toUnmodifiableSet());
			return new CompiledRule(name, countries, terms, hosts, patterns);
		}

		boolean appliesTo(String region) {
			return this.countries.isEmpty() || (region != null && this.countries.contains(region));
		}

		Optional<ContentViolation> match(String body) {
			if (this.terms != null) {
				Matcher matcher = this.terms.matcher(body);
				if (matcher.find()) {
					return Optional.of(new ContentViolation(this.name, matcher.group()));
				}
			}
			if (!this.hosts.isEmpty()) {
				Matcher link = LINK.matcher(body);
				while (link.find()) {
					String host = link.group(1).toLowerCase(Locale.ROOT);
					for (String blocked : this.hosts) {
						if (host.equals(blocked) || host.endsWith("." + blocked)) {
							return Optional.of(new ContentViolation(this.name, link.group()));
						}
					}
				}
			}
			for (Pattern pattern : this.patterns) {
				Matcher matcher = pattern.matcher(body);
				if (matcher.find()) {
					return Optional.of(new ContentViolation(this.name, matcher.group()));
				}
			}
			return Optional.empty();
		}

	}

}
