package dev.smspipeline.schemas;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The key of {@value Topics#OPT_OUTS}: {@code <accountId>:<e164>}, so one recipient's
 * changes for one account share a partition and compaction keeps the latest of them.
 *
 * <p>
 * Every producer writes a validated account id (lowercase letters, digits, {@code -} and
 * {@code _}: never a {@code ':'}) and a normalised E.164 number ({@code '+'} and digits:
 * never a {@code ':'} either), so a well-formed key holds exactly one {@code ':'}.
 * {@link #parse(String)} accepts only that: one colon, a non-empty account without
 * whitespace or control characters before it, and an E.164 number after it. Consumers
 * read a tombstone's key with it; anything else is not a key of this topic.
 *
 * @param accountId the account the change belongs to
 * @param e164 the recipient, E.164
 */
public record OptOutKey(String accountId, String e164) {

	private static final char SEPARATOR = ':';

	/** {@code '+'}, a non-zero digit, then 6 to 14 more digits. */
	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	public OptOutKey {
		Objects.requireNonNull(accountId, "accountId");
		Objects.requireNonNull(e164, "e164");
	}

	/**
	 * The key of a recipient's changes for an account.
	 * @param accountId the account
	 * @param e164 the recipient, E.164
	 * @return {@code <accountId>:<e164>}
	 */
	public static String of(String accountId, String e164) {
		return new OptOutKey(accountId, e164).value();
	}

	/**
	 * Reads a key written by {@link #of(String, String)}.
	 * @param key a record's key, maybe {@code null}
	 * @return the account and number, or empty when the key is not
	 * {@code <accountId>:<e164>}
	 */
	public static Optional<OptOutKey> parse(String key) {
		if (key == null) {
			return Optional.empty();
		}
		int colon = key.indexOf(SEPARATOR);
		if (colon <= 0 || colon != key.lastIndexOf(SEPARATOR)) {
			return Optional.empty();
		}
		String accountId = key.substring(0, colon);
		String e164 = key.substring(colon + 1);
		if (!plain(accountId) || !isE164(e164)) {
			return Optional.empty();
		}
		return Optional.of(new OptOutKey(accountId, e164));
	}

	/**
	 * Whether {@code number} is a recipient as this topic's producers write it: E.164,
	 * {@code '+'} and 7 to 15 digits, the first not 0, nothing else.
	 * @param number a recipient, maybe {@code null}
	 * @return whether it is one
	 */
	public static boolean isE164(String number) {
		return number != null && E164.matcher(number).matches();
	}

	/** The key as written to the topic: {@code <accountId>:<e164>}. */
	public String value() {
		return this.accountId + SEPARATOR + this.e164;
	}

	@Override
	public String toString() {
		return value();
	}

	private static boolean plain(String accountId) {
		return accountId.codePoints().noneMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c));
	}

}
