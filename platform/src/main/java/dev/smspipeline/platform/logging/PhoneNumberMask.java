package dev.smspipeline.platform.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks phone numbers for logs: a number keeps its {@code +}, its first digit and its
 * last four ({@code +14155550100} becomes {@code +1******0100}), enough to tell texts
 * apart in a log and to match a complaint to them, never enough to text the lead. Log
 * lines pass numbers through {@link #mask}; {@link #maskAll} is the safety net for free
 * text (carrier messages, exception messages) and for every value of a structured (JSON)
 * log line.
 */
public final class PhoneNumberMask {

	/** An E.164-looking number in free text: a {@code +} and 7 to 15 digits. */
	private static final Pattern E164 = Pattern.compile("\\+\\d{7,15}(?!\\d)");

	private static final int KEPT_AT_END = 4;

	private PhoneNumberMask() {
	}

	/**
	 * Masks one number (any format: E.164, national, with spaces or dashes).
	 * @param number the number, or {@code null}
	 * @return the number with every digit but the first and the last four replaced by
	 * {@code *}; a number of fewer than 7 digits keeps only its last two; {@code null}
	 * for {@code null}
	 */
	public static String mask(String number) {
		if (number == null) {
			return null;
		}
		int digits = 0;
		for (int i = 0; i < number.length(); i++) {
			if (Character.isDigit(number.charAt(i))) {
				digits++;
			}
		}
		int keepFirst = (digits >= 7) ? 1 : 0;
		int keepLast = (digits >= 7) ? KEPT_AT_END : Math.min(2, digits);
		StringBuilder masked = new StringBuilder(number.length());
		int seen = 0;
		for (int i = 0; i < number.length(); i++) {
			char c = number.charAt(i);
			if (!Character.isDigit(c)) {
				masked.append(c);
				continue;
			}
			seen++;
			boolean kept = seen <= keepFirst || seen > digits - keepLast;
			masked.append(kept ? c : '*');
		}
		return masked.toString();
	}

	/**
	 * Masks every E.164-looking number ({@code +} and 7 to 15 digits) in a text.
	 * @param text the text, or {@code null}
	 * @return the text with its numbers masked as {@link #mask} does
	 */
	public static String maskAll(String text) {
		if (text == null || text.indexOf('+') < 0) {
			return text;
		}
		Matcher matcher = E164.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder masked = new StringBuilder(text.length());
		do {
			matcher.appendReplacement(masked, Matcher.quoteReplacement(mask(matcher.group())));
		}
		while (matcher.find());
		matcher.appendTail(masked);
		return masked.toString();
	}

}
