package dev.smspipeline.simulator.messages;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Twilio-style identifiers: a two-letter prefix and 32 lowercase hex digits.
 */
public final class Sids {

	/** An account SID: {@code AC} and 32 hex digits. */
	public static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

	private static final SecureRandom SECURE = new SecureRandom();

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Sids() {
	}

	public static String newMessageSid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return withPrefix("SM", random.nextLong(), random.nextLong());
	}

	public static String newAccountSid() {
		return withPrefix("AC", SECURE.nextLong(), SECURE.nextLong());
	}

	/**
	 * A random auth token: 32 hex digits, like Twilio's.
	 * @return the token
	 */
	public static String newAuthToken() {
		return withPrefix("", SECURE.nextLong(), SECURE.nextLong());
	}

	private static String withPrefix(String prefix, long high, long low) {
		char[] chars = new char[prefix.length() + 32];
		prefix.getChars(0, prefix.length(), chars, 0);
		int at = prefix.length();
		for (int shift = 60; shift >= 0; shift -= 4) {
			chars[at++] = HEX[(int) (high >>> shift) & 0xF];
		}
		for (int shift = 60; shift >= 0; shift -= 4) {
			chars[at++] = HEX[(int) (low >>> shift) & 0xF];
		}
		return new String(chars);
	}

}
