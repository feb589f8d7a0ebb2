package dev.smspipeline.campaign.content;

/**
 * A text matched a content rule.
 *
 * @param rule the rule's name, e.g. {@code us-gambling}
 * @param matched what in the body matched it, as written there
 */
public record ContentViolation(String rule, String matched) {

	/** The reason code a rejected text carries. */
	public static final String CONTENT_POLICY = "CONTENT_POLICY";

	/** Why, for a person to read. */
	public String reason() {
		return "contains '" + this.matched + "', which content rule " + this.rule + " forbids";
	}

}
