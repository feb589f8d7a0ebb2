package dev.smspipeline.platform.account;

import java.util.regex.Pattern;

/**
 * The id of a CRM customer's account; every event and every row carries one.
 *
 * @param value lowercase letters, digits, '-' and '_', at most 64 characters
 */
public record AccountId(String value) {

	private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

	public AccountId {
		if (value == null || !VALID.matcher(value).matches()) {
			throw new IllegalArgumentException("Invalid account id: " + value);
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
