package dev.smspipeline.campaign.account;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.smspipeline.campaign.recipient.PhoneNumbers;

/**
 * The one canonical form of a sender number: E.164 for long codes and toll-free numbers,
 * the bare 5 or 6 digits of a short code. Senders are stored and compared only in it.
 */
public final class SenderNumbers {

	private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{5,6}");

	private SenderNumbers() {
	}

	public static Optional<String> canonical(SenderKind kind, String raw, PhoneNumbers phones) {
		if (raw == null) {
			return Optional.empty();
		}
		if (kind == SenderKind.SHORT_CODE) {
			String digits = raw.strip().replaceAll("[\\s-]", "");
			return SHORT_CODE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
		}
		return phones.e164(raw);
	}

	/** A number of unknown kind: a short code's digits, else E.164. */
	public static Optional<String> anyKind(String raw, PhoneNumbers phones) {
		return canonical(SenderKind.SHORT_CODE, raw, phones).or(() -> phones.e164(raw));
	}

	public static String expected(SenderKind kind) {
		return (kind == SenderKind.SHORT_CODE) ? "must be a short code of 5 or 6 digits"
				: "must be a valid phone number in E.164, e.g. +14155550100";
	}

}
