package dev.smspipeline.platform.account;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import dev.smspipeline.events.SenderKind;

/**
 * The one canonical form of a sender number: E.164 for long codes and toll-free numbers,
 * the bare 5 or 6 digits of a short code. Senders are stored, published on
 * {@code sms.accounts} ({@link AccountDirectory#ownerOf}) and compared only in it:
 * campaign-service brings an account's numbers and a text's named sender to it, and
 * dispatch-service the From number of every text again before the carrier call, so both
 * services accept and refuse the same spellings.
 *
 * <p>
 * A number written without a country code is read in the default region given at
 * construction. Immutable and thread-safe.
 */
public final class SenderNumbers {

	private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{5,6}");

	private static final Pattern SHORT_CODE_SEPARATORS = Pattern.compile("[\\s-]");

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private final String defaultRegion;

	/**
	 * @param defaultRegion the ISO 3166 region assumed for a number written without a
	 * country code (such as {@code US})
	 */
	public SenderNumbers(String defaultRegion) {
		this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion").strip().toUpperCase(Locale.ROOT);
	}

	/**
	 * A number of a known kind in its canonical form.
	 * @param kind its kind; {@code UNKNOWN} (or {@code null}) reads it as
	 * {@link #anyKind}
	 * @param raw the number as written
	 * @return the canonical number, or empty when it is not a number of that kind
	 */
	public Optional<String> canonical(SenderKind kind, String raw) {
		if (kind == null || kind == SenderKind.UNKNOWN) {
			return anyKind(raw);
		}
		return (kind == SenderKind.SHORT_CODE) ? shortCode(raw) : e164(raw);
	}

	/**
	 * A number of unknown kind in its canonical form: a short code's digits, else E.164.
	 * @param raw the number as written
	 * @return the canonical number, or empty when it is neither
	 */
	public Optional<String> anyKind(String raw) {
		return shortCode(raw).or(() -> e164(raw));
	}

	/**
	 * What a number of this kind must look like, for a refusal.
	 * @param kind the kind
	 * @return the expectation, as a field error's message
	 */
	public static String expected(SenderKind kind) {
		return (kind == SenderKind.SHORT_CODE) ? "must be a short code of 5 or 6 digits"
				: "must be a valid phone number in E.164, e.g. +14155550100";
	}

	private static Optional<String> shortCode(String raw) {
		if (raw == null) {
			return Optional.empty();
		}
		String digits = SHORT_CODE_SEPARATORS.matcher(raw.strip()).replaceAll("");
		return SHORT_CODE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
	}

	private Optional<String> e164(String raw) {
		if (raw == null || raw.isBlank()) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = this.util.parse(raw, this.defaultRegion);
			return this.util.isValidNumber(number) ? Optional.of(this.util.format(number, PhoneNumberFormat.E164))
					: Optional.empty();
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

}
