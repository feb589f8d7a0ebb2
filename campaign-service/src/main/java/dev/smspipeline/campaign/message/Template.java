package dev.smspipeline.campaign.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A body with {@code {{name}}} placeholders, filled from a recipient's attributes. A
 * placeholder whose attribute is missing renders empty. Compiled once per campaign.
 */
public final class Template {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

	private final List<String> literals;

	private final List<String> names;

	private Template(List<String> literals, List<String> names) {
		this.literals = literals;
		this.names = names;
	}

	/**
	 * Reads a body.
	 * @param body text with {@code {{name}}} placeholders
	 * @return the template
	 */
	public static Template compile(String body) {
		List<String> literals = new ArrayList<>();
		List<String> names = new ArrayList<>();
		Matcher matcher = PLACEHOLDER.matcher(body);
		int from = 0;
		while (matcher.find()) {
			literals.add(body.substring(from, matcher.start()));
			names.add(matcher.group(1));
			from = matcher.end();
		}
		literals.add(body.substring(from));
		return new Template(List.copyOf(literals), List.copyOf(names));
	}

	/** The placeholders' names, in order. */
	public List<String> placeholders() {
		return this.names;
	}

	/**
	 * The text for one recipient.
	 * @param attributes the recipient's attributes
	 * @return the rendered body
	 */
	public String render(Map<String, String> attributes) {
		if (this.names.isEmpty()) {
			return this.literals.get(0);
		}
		StringBuilder text = new StringBuilder(this.literals.get(0));
		for (int i = 0; i < this.names.size(); i++) {
			String value = attributes.get(this.names.get(i));
			if (value != null) {
				text.append(value);
			}
			text.append(this.literals.get(i + 1));
		}
		return text.toString();
	}

}
